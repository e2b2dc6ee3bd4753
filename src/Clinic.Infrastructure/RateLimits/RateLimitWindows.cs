using Clinic.Infrastructure.Idempotency;
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
    public async Task<int> HitAsync(string key, Instant windowStart, CancellationToken cancellationToken) =>
        (await HitAsync(key, windowStart, lookup: null, cancellationToken)).Hits;

    /// <summary>
    /// Counts one request as above and, in the same round trip, looks up the answer stored under an
    /// Idempotency-Key (<paramref name="lookup"/>: the caller's subject and the key), so a write sent with a key
    /// costs no round trip of its own for the lookup (ADR 0070). <c>Earlier</c> is null when the key is new (or no
    /// lookup was asked for).
    /// </summary>
    public async Task<(int Hits, IdempotencyRecord? Earlier)> HitAsync(
        string key, Instant windowStart, (string SubjectId, string Key)? lookup, CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        var hit = new NpgsqlBatchCommand(
            """
            INSERT INTO rate_limit_windows AS w (key, window_start, hits) VALUES ($1, $2, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + 1
            RETURNING hits
            """);
        hit.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Text });
        hit.Parameters.Add(new NpgsqlParameter { Value = windowStart, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(hit);
        if (lookup is { } l)
        {
            var find = new NpgsqlBatchCommand(
                """
                SELECT i.id, i.created_at, i.key, i.request_hash, i.response_body, i.subject_id
                FROM idempotency_records AS i
                WHERE i.subject_id = $1 AND i.key = $2
                LIMIT 1
                """);
            find.Parameters.Add(new NpgsqlParameter { Value = l.SubjectId, NpgsqlDbType = NpgsqlDbType.Text });
            find.Parameters.Add(new NpgsqlParameter { Value = l.Key, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(find);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var hits = reader.GetInt32(0);
        IdempotencyRecord? earlier = null;
        if (lookup is not null && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
        {
            earlier = new IdempotencyRecord
            {
                Id = reader.GetInt64(0),
                CreatedAt = reader.GetFieldValue<Instant>(1),
                Key = reader.GetString(2),
                RequestHash = reader.GetString(3),
                ResponseBody = reader.GetString(4),
                SubjectId = reader.GetString(5),
            };
        }

        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return (hits, earlier);
    }
}
