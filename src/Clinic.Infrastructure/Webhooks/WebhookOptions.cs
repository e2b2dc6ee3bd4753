namespace Clinic.Infrastructure.Webhooks;

/// <summary>Settings of the <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this process runs the dispatcher (default true; every replica may, they share the work).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for work when nothing wakes it (a commit that wrote events does).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a receiver has to answer one delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long deliveries are retried before they are given up and the subscription is marked failing.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Hosts (names or IP addresses) that may be called over plain HTTP and may resolve to loopback, link-local
    /// or private addresses. Elsewhere, outside Development, webhook URLs must be https and public.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Set from the environment: Development accepts any URL.</summary>
    public bool AllowAnyDestination { get; set; }
}
