using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.ClientAssertions;

/// <summary>
/// The client assertions already used, shared by every API process: using one is a single insert that tells whether
/// it was new. The retention job removes those past their expiry, which no check needs any more.
/// </summary>
public sealed class ClientAssertionUses(NpgsqlDataSource database)
{
    /// <summary>Records the assertion's use; false when the same client already used an assertion with this jti.</summary>
    public async Task<bool> TryUseAsync(string clientId, string jwtId, Instant expiresAt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            INSERT INTO client_assertion_uses (client_id, jwt_id, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (client_id, jwt_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clientId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = jwtId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
