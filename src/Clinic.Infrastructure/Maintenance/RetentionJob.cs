using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Maintenance;

/// <summary>
/// Prunes what the service only keeps for a while (<see cref="RetentionOptions"/>): stored answers to idempotent
/// requests, expired invitation codes, fanned-out events, finished webhook deliveries, past rate-limit windows and expired
/// client assertions.
/// Every process runs the loop; the shared <see cref="JobSchedule"/> lets one of them run each round.
/// Client data itself (plans, completions, the audit trail) is never pruned here.
/// </summary>
public sealed class RetentionJob(
    JobSchedule schedule,
    NpgsqlDataSource database,
    [FromKeyedServices(RetentionJob.TimeKey)] TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public const string Name = "retention";

    /// <summary>The job's clock, the system's; tests that need to move it replace this one.</summary>
    public const string TimeKey = "retention";

    private static readonly string Runner = $"{Environment.MachineName}/{Environment.ProcessId}";

    private readonly RetentionOptions settings = options.Value;

    /// <summary>Runs a round if it is due and no other process has taken it. Returns the rows pruned, or null when not this process's turn.</summary>
    public async Task<RetentionResult?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (!await schedule.TryClaimAsync(Name, now, Duration.FromTimeSpan(settings.Period), Runner, cancellationToken))
        {
            return null;
        }

        await using var batch = database.CreateBatch();
        Add(batch, "DELETE FROM idempotency_records WHERE created_at < $1", now - Duration.FromTimeSpan(settings.IdempotencyRecords));
        Add(batch, "DELETE FROM client_invitations WHERE expires_at < $1", now - Duration.FromTimeSpan(settings.ExpiredInvitations));
        Add(batch, "DELETE FROM outbox_messages WHERE dispatched_at < $1", now - Duration.FromTimeSpan(settings.DispatchedEvents));
        Add(batch, "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1", now - Duration.FromTimeSpan(settings.FinishedDeliveries));
        Add(batch, "DELETE FROM rate_limit_windows WHERE window_start < $1", now - Duration.FromHours(1));
        Add(batch, "DELETE FROM client_assertion_uses WHERE expires_at < $1", now);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var result = new RetentionResult(
            batch.BatchCommands[0].RecordsAffected,
            batch.BatchCommands[1].RecordsAffected,
            batch.BatchCommands[2].RecordsAffected,
            batch.BatchCommands[3].RecordsAffected,
            batch.BatchCommands[4].RecordsAffected,
            batch.BatchCommands[5].RecordsAffected);
        logger.LogInformation(
            "Retention pruned {IdempotencyRecords} idempotency records, {Invitations} invitations, {Events} events, {Deliveries} deliveries, {Windows} rate-limit windows, {AssertionUses} used client assertions",
            result.IdempotencyRecords, result.Invitations, result.Events, result.Deliveries, result.RateLimitWindows, result.AssertionUses);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        // Look often enough that a round is at most a minute late; the schedule says whose turn it is.
        var poll = TimeSpan.FromTicks(Math.Min(settings.Period.Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(poll, time);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Retention round failed with {ExceptionType}; the next round retries", exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static void Add(NpgsqlBatch batch, string sql, Instant before)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = before, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(command);
    }
}

/// <summary>How many rows one round of the retention job removed.</summary>
public sealed record RetentionResult(int IdempotencyRecords, int Invitations, int Events, int Deliveries, int RateLimitWindows, int AssertionUses);
