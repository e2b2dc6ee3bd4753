using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clinic.Api.Features.Health;

/// <summary>
/// A replica asked to stop (SIGTERM in a rolling deploy) first tells its load balancer, then stops: for
/// <c>Shutdown:DrainDelay</c> it answers <c>/health/ready</c> with 503 while it goes on serving every other request,
/// so the balancer takes it out of rotation before it refuses connections. Then the host stops as usual: the server
/// finishes the requests in flight and the background work ends its round. Off (0) unless configured.
/// </summary>
public sealed class Draining(TimeSpan delay, ILogger<Draining> logger) : IHostedLifecycleService, IHealthCheck
{
    public const string DelaySetting = "Shutdown:DrainDelay";

    /// <summary>How long the rest of the stop (requests in flight, background rounds) may take after the delay.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private volatile bool draining;

    public static TimeSpan DelayFrom(IConfiguration configuration)
    {
        var text = configuration[DelaySetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero && delay <= TimeSpan.FromMinutes(5)
            ? delay
            : throw new InvalidOperationException($"{DelaySetting} must be a duration from 00:00:00 to 00:05:00, such as 00:00:10; got '{text}'.");
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogInformation("Stopping: readiness reports draining for {DrainSeconds} s before the server stops", delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout ended the wait: stop now.
        }
    }

    /// <summary>Degraded while stopping: an expected state, logged as a warning, which the readiness probe answers with 503.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining ? HealthCheckResult.Degraded("The replica is stopping.") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
