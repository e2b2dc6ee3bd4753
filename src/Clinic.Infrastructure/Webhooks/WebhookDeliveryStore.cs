using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Webhooks;

/// <summary>A delivery taken by one dispatcher to send now, with what sending it needs of its subscription.</summary>
public sealed record ClaimedDelivery(
    long Id,
    Guid SubscriptionId,
    Guid PracticeId,
    Guid EventId,
    string EventType,
    string Payload,
    int Attempt,
    Instant CreatedAt,
    string Url,
    IReadOnlyList<string> Secrets);

/// <summary>
/// The webhook deliveries in PostgreSQL, a queue, safe for any number of dispatchers on one database (API replicas):
/// fanning the outbox out to subscriptions is serialised by a transaction-scoped advisory lock, so each event
/// becomes exactly one delivery per subscription, in event order; claiming takes due deliveries with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, never one whose client has an earlier delivery to the same
/// subscription still pending, so each delivery is sent by one dispatcher at a time and a client's events
/// arrive in order.
/// </summary>
public sealed class WebhookDeliveryStore(NpgsqlDataSource database)
{
    /// <summary>An arbitrary, fixed key of the advisory lock that serialises fan-out.</summary>
    private const long FanOutLock = 0x636C696E69630001;

    /// <summary>Fans out up to <paramref name="batch"/> waiting events; returns how many.</summary>
    public async Task<int> FanOutAsync(Instant now, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = FanOutLock, NpgsqlDbType = NpgsqlDbType.Bigint });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(
            """
            WITH claimed AS (
                SELECT id, event_id, type, practice_id, client_id, payload
                FROM outbox_messages
                WHERE dispatched_at IS NULL
                ORDER BY id
                LIMIT $2
            ), fanned AS (
                INSERT INTO webhook_deliveries (subscription_id, outbox_id, event_id, event_type, client_id, payload, status, attempts, next_attempt_at, created_at)
                SELECT s.id, c.id, c.event_id, c.type, c.client_id, c.payload, 'pending', 0, $1, $1
                FROM claimed c
                JOIN webhook_subscriptions s
                    ON s.practice_id = c.practice_id AND s.enabled AND (c.type = ANY (s.event_types) OR '*' = ANY (s.event_types))
                ORDER BY c.id, s.id
                RETURNING 1
            )
            UPDATE outbox_messages o SET dispatched_at = $1
            FROM claimed c
            WHERE o.id = c.id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = batch, NpgsqlDbType = NpgsqlDbType.Integer });
        var fanned = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fanned;
    }

    /// <summary>Takes up to <paramref name="batch"/> due deliveries for <paramref name="lease"/>, counting the attempt.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(Instant now, Duration lease, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE webhook_deliveries d
            SET leased_until = $2, attempts = d.attempts + 1, last_attempt_at = $1
            FROM webhook_subscriptions s
            WHERE s.id = d.subscription_id AND d.id IN (
                SELECT c.id
                FROM webhook_deliveries c
                JOIN webhook_subscriptions cs ON cs.id = c.subscription_id AND cs.enabled
                WHERE c.status = 'pending' AND c.next_attempt_at <= $1 AND (c.leased_until IS NULL OR c.leased_until <= $1)
                  AND NOT EXISTS (
                      SELECT 1 FROM webhook_deliveries e
                      WHERE e.subscription_id = c.subscription_id AND e.client_id = c.client_id AND e.status = 'pending' AND e.id < c.id)
                ORDER BY c.id
                LIMIT $3
                FOR UPDATE OF c SKIP LOCKED)
            RETURNING d.id, d.subscription_id, s.practice_id, d.event_id, d.event_type, d.payload, d.attempts, d.created_at,
                      s.url, s.secret, s.previous_secret, s.previous_secret_expires_at
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = now + lease, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = batch, NpgsqlDbType = NpgsqlDbType.Integer });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var secrets = new List<string> { reader.GetString(reader.GetOrdinal("secret")) };
            var previous = reader.GetOrdinal("previous_secret");
            var expires = reader.GetOrdinal("previous_secret_expires_at");
            if (!reader.IsDBNull(previous) && !reader.IsDBNull(expires) && reader.GetFieldValue<Instant>(expires) > now)
            {
                secrets.Add(reader.GetString(previous));
            }

            claimed.Add(new ClaimedDelivery(
                reader.GetInt64(reader.GetOrdinal("id")),
                reader.GetGuid(reader.GetOrdinal("subscription_id")),
                reader.GetGuid(reader.GetOrdinal("practice_id")),
                reader.GetGuid(reader.GetOrdinal("event_id")),
                reader.GetString(reader.GetOrdinal("event_type")),
                reader.GetString(reader.GetOrdinal("payload")),
                reader.GetInt32(reader.GetOrdinal("attempts")),
                reader.GetFieldValue<Instant>(reader.GetOrdinal("created_at")),
                reader.GetString(reader.GetOrdinal("url")),
                secrets));
        }

        return [.. claimed.OrderBy(c => c.Id)];
    }

    /// <summary>The receiver answered 2xx: done, and a failing subscription is healthy again.</summary>
    public Task SucceededAsync(ClaimedDelivery delivery, int statusCode, Instant now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            cancellationToken,
            Command(
                "UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = $2, leased_until = NULL, last_status_code = $3, last_error = NULL WHERE id = $1",
                delivery.Id, now, statusCode),
            Command("UPDATE webhook_subscriptions SET status = 'active', failing_since = NULL WHERE id = $1 AND status = 'failing'", delivery.SubscriptionId));

    /// <summary>The attempt failed; the delivery waits until <paramref name="nextAttemptAt"/>.</summary>
    public Task RetryLaterAsync(ClaimedDelivery delivery, int? statusCode, string error, Instant nextAttemptAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            cancellationToken,
            Command(
                "UPDATE webhook_deliveries SET next_attempt_at = $2, leased_until = NULL, last_status_code = $3, last_error = $4 WHERE id = $1",
                delivery.Id, nextAttemptAt, statusCode, error));

    /// <summary>
    /// The delivery is given up; its subscription is marked failing, with an audit entry when it was not failing
    /// already. Returns whether it was newly marked.
    /// </summary>
    public async Task<bool> GiveUpAsync(ClaimedDelivery delivery, int? statusCode, string error, Instant now, CancellationToken cancellationToken)
    {
        var mark = Command(
            """
            WITH marked AS (
                UPDATE webhook_subscriptions SET status = 'failing', failing_since = $2
                WHERE id = $1 AND status <> 'failing'
                RETURNING id, practice_id)
            INSERT INTO audit_events (occurred_at, subject_id, role, practice_id, action, resource_type, resource_id, outcome)
            SELECT $2, 'webhook-dispatcher', 'system', practice_id, 'webhook.failing', 'webhook', id, 'failed' FROM marked
            """,
            delivery.SubscriptionId, now);
        await ExecuteAsync(
            cancellationToken,
            Command("UPDATE webhook_deliveries SET status = 'failed', leased_until = NULL, last_status_code = $2, last_error = $3 WHERE id = $1", delivery.Id, statusCode, error),
            mark);
        return mark.RecordsAffected > 0;
    }

    private ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenConnectionAsync(cancellationToken);

    /// <summary>Sends the statements in one round trip, as one implicit transaction.</summary>
    private async Task ExecuteAsync(CancellationToken cancellationToken, params NpgsqlBatchCommand[] commands)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                Instant instant => new NpgsqlParameter { Value = instant, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                string text => new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }
}
