using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Maintenance;

/// <summary>The shared schedule of periodic jobs in PostgreSQL (<see cref="ScheduledJob"/>).</summary>
public sealed class JobSchedule(NpgsqlDataSource database)
{
    /// <summary>
    /// Claims this round of a job when it is due: moves its next run one period on, in one statement, so of two
    /// processes asking at once exactly one gets true. A job never seen before is due at once.
    /// </summary>
    public async Task<bool> TryClaimAsync(string job, Instant now, Duration period, string runner, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            INSERT INTO scheduled_jobs AS j (name, next_run_at, last_run_at, last_run_by, runs)
            VALUES ($1, $2 + $3, $2, $4, 1)
            ON CONFLICT (name) DO UPDATE
            SET next_run_at = excluded.next_run_at, last_run_at = excluded.last_run_at, last_run_by = excluded.last_run_by, runs = j.runs + 1
            WHERE j.next_run_at <= $2
            RETURNING 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = job, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = period, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = runner, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
