using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.RateLimits;

/// <summary>
/// Request counts per caller and fixed window in PostgreSQL, so a limit holds across every API process: counting
/// a request is one upsert that returns the window's count so far. The table is unlogged: after a database
/// crash the counts start again at zero, which only ever lets a caller through, never locks one out.
/// </summary>
public sealed class RateLimitWindows(NpgsqlDataSource database)
{
    /// <summary>Counts one request of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>; returns the window's count.</summary>
    public async Task<int> HitAsync(string key, Instant windowStart, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            INSERT INTO rate_limit_windows AS w (key, window_start, hits) VALUES ($1, $2, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + 1
            RETURNING hits
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = windowStart, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
