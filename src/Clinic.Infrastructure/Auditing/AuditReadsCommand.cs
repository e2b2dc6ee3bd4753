using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Auditing;

/// <summary>
/// The audit entries of one read of client data: one entry per resource read, each naming its client, the other
/// columns taken from <see cref="Template"/>.
/// </summary>
public sealed record AuditedReads(AuditEvent Template, IReadOnlyList<(Guid ResourceId, Guid ClientId)> Reads);

/// <summary>
/// Writes <see cref="AuditedReads"/> with one INSERT that joins the read's own round trip (an
/// <see cref="NpgsqlBatch"/>), so recording a read costs no extra trip to the database.
/// </summary>
internal static class AuditReadsCommand
{
    public static NpgsqlBatchCommand Create(AuditedReads audited)
    {
        var template = audited.Template;
        var resourceIds = audited.Reads.Select(r => r.ResourceId).ToArray();
        var clientIds = audited.Reads.Select(r => r.ClientId).ToArray();

        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_events (occurred_at, subject_id, role, practice_id, action, resource_type, outcome, request_id, source_address, resource_id, client_id)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, r.resource_id, r.client_id
            FROM unnest($10::uuid[], $11::uuid[]) AS r(resource_id, client_id)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = template.OccurredAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = template.SubjectId, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Role, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)template.PracticeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Action, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = template.ResourceType, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Outcome, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)template.RequestId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)template.SourceAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = resourceIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = clientIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return command;
    }
}
