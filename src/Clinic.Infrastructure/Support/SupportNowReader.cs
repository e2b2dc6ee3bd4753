using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using Clinic.Domain.Support;
using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Support;

/// <summary>An assignment of one of the client's active plans, with the dates it runs on.</summary>
public sealed record ActiveAssignment(
    Guid PlanId,
    LocalDate PlanStart,
    Instant PlanCreatedAt,
    int Position,
    string ExerciseKey,
    string Title,
    string? Instructions,
    ScheduleKind Kind,
    LocalDate Start,
    LocalDate End);

/// <summary>An exercise the client's practice sees (built in or its own), retired ones too.</summary>
public sealed record VisibleExercise(string Key, string Title, string Summary, IReadOnlyList<string> Steps, IReadOnlyList<ExerciseTag> Tags, int DurationMinutes, bool Retired);

/// <summary>Everything support now ranks, read at once.</summary>
public sealed record SupportNowFacts(IReadOnlyList<ReliefHistory> History, IReadOnlyList<ActiveAssignment> Assignments, IReadOnlyList<VisibleExercise> Exercises);

/// <summary>
/// Reads what <c>GET /me/support-now</c> needs in one round trip, after the client: one batch with the audit entry of
/// the read, the client's relief history at a similar distress (aggregated per exercise in the database), the
/// assignments of their active plans, and the exercises their practice sees. A client in distress waits for two round
/// trips, whatever the length of their history.
/// </summary>
public sealed class SupportNowReader(ClinicDbContext db)
{
    public async Task<SupportNowFacts> ReadAsync(
        Guid clientId, Guid practiceId, int distress, Instant now, AuditedReads audit, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (Reader: this, ClientId: clientId, PracticeId: practiceId, Distress: distress, Now: now, Audit: audit),
            static (state, token) => state.Reader.LoadAsync(state.ClientId, state.PracticeId, state.Distress, state.Now, state.Audit, token),
            cancellationToken);
    }

    private async Task<SupportNowFacts> LoadAsync(Guid clientId, Guid practiceId, int distress, Instant now, AuditedReads audit, CancellationToken cancellationToken)
    {
        var history = new List<ReliefHistory>();
        var assignments = new List<ActiveAssignment>();
        var exercises = new List<VisibleExercise>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            batch.BatchCommands.Add(AuditReadsCommand.Create(audit));
            batch.BatchCommands.Add(HistoryCommand(clientId, distress, now));
            batch.BatchCommands.Add(AssignmentsCommand(clientId));
            batch.BatchCommands.Add(ExercisesCommand(practiceId));

            // The reader starts on the first statement with rows (the audit insert has none).
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                history.Add(new ReliefHistory(reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetFieldValue<Instant>(3)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var planStart = reader.GetFieldValue<LocalDate>(1);
                var planEnd = reader.GetFieldValue<LocalDate>(2);
                assignments.Add(new ActiveAssignment(
                    PlanId: reader.GetGuid(0),
                    PlanStart: planStart,
                    PlanCreatedAt: reader.GetFieldValue<Instant>(3),
                    Position: reader.GetInt32(4),
                    ExerciseKey: reader.GetString(5),
                    Title: reader.GetString(6),
                    Instructions: reader.IsDBNull(7) ? null : reader.GetString(7),
                    Kind: Enum.Parse<ScheduleKind>(reader.GetString(8)),
                    Start: reader.IsDBNull(9) ? planStart : reader.GetFieldValue<LocalDate>(9),
                    End: reader.IsDBNull(10) ? planEnd : reader.GetFieldValue<LocalDate>(10)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                exercises.Add(new VisibleExercise(
                    Key: reader.GetString(0),
                    Title: reader.GetString(1),
                    Summary: reader.GetString(2),
                    Steps: reader.GetFieldValue<string[]>(3),
                    Tags: [.. reader.GetFieldValue<string[]>(4).Select(Enum.Parse<ExerciseTag>)],
                    DurationMinutes: reader.GetInt32(5),
                    Retired: reader.GetBoolean(6)));
            }

            // Reading on to the end surfaces an error of any statement of the batch.
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new SupportNowFacts(history, assignments, exercises);
    }

    /// <summary>
    /// The client's rated, not voided practice up to now that began at a similar distress, per exercise: of any of
    /// their plans (through the plans' completions index) and outside plans (through the partial index, ADR 0040).
    /// </summary>
    private static NpgsqlBatchCommand HistoryCommand(Guid clientId, int distress, Instant now)
    {
        var (low, high) = SupportNowRanking.SimilarRange(distress);
        var command = new NpgsqlBatchCommand("""
            SELECT h.exercise_key, count(*)::int, avg(h.distress_before - h.distress_after)::float8, max(h.completed_at)
            FROM (
                SELECT c.exercise_key, c.distress_before, c.distress_after, c.completed_at
                FROM completions c
                WHERE c.plan_id = ANY(ARRAY(SELECT p.id FROM plans p WHERE p.client_id = $1))
                  AND c.voided_at IS NULL AND c.completed_at <= $2
                  AND c.distress_before BETWEEN $3 AND $4 AND c.distress_after IS NOT NULL
                UNION ALL
                SELECT c.exercise_key, c.distress_before, c.distress_after, c.completed_at
                FROM completions c
                WHERE c.plan_id IS NULL AND c.client_id = $1
                  AND c.voided_at IS NULL AND c.completed_at <= $2
                  AND c.distress_before BETWEEN $3 AND $4 AND c.distress_after IS NOT NULL
            ) AS h
            GROUP BY h.exercise_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clientId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = low, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = high, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }

    private static NpgsqlBatchCommand AssignmentsCommand(Guid clientId)
    {
        var command = new NpgsqlBatchCommand($"""
            SELECT p.id, p.start_date, p.end_date, p.created_at, a.position, a.exercise_key, a.title, a.instructions, a.schedule_kind, a.start_date, a.end_date
            FROM plans p
            JOIN assignments a ON a.plan_id = p.id
            WHERE p.client_id = $1 AND p.status = '{PlanStatus.Active}'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clientId, NpgsqlDbType = NpgsqlDbType.Uuid });
        return command;
    }

    private static NpgsqlBatchCommand ExercisesCommand(Guid practiceId)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT e.key, e.title, e.summary, e.steps, e.tags, e.default_minutes, e.retired_at IS NOT NULL
            FROM exercises e
            WHERE e.practice_id IS NULL OR e.practice_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = practiceId, NpgsqlDbType = NpgsqlDbType.Uuid });
        return command;
    }
}
