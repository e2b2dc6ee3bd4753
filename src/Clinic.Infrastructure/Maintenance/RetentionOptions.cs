namespace Clinic.Infrastructure.Maintenance;

/// <summary>Settings of the <c>Retention</c> section: how often the retention job runs and what it keeps for how long.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Whether this process takes part in running the job (default true; one process runs each round).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job runs (default hourly).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long stored answers to idempotent requests are kept (default 30 days): a client retrying a request
    /// after this is treated as a new request. Keep it longer than any client app's offline queue.
    /// </summary>
    public TimeSpan IdempotencyRecords { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long invitation codes are kept after they expire (default 1 day; an expired code never works).</summary>
    public TimeSpan ExpiredInvitations { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long events are kept in the outbox after they were fanned out (default 14 days).</summary>
    public TimeSpan DispatchedEvents { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long finished webhook deliveries are kept (default 30 days), for GET .../deliveries and replays.</summary>
    public TimeSpan FinishedDeliveries { get; set; } = TimeSpan.FromDays(30);
}
