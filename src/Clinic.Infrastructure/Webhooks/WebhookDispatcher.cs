using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Clinic.Infrastructure.Telemetry;
using StandardWebhooks;

namespace Clinic.Infrastructure.Webhooks;

/// <summary>
/// Sends the outbox to the practices' webhook receivers, in every API process at once (they share the work through
/// <see cref="WebhookDeliveryStore"/>). Each delivery follows the Standard Webhooks specification: <c>webhook-id</c> (the
/// event's id, the same on every retry), <c>webhook-timestamp</c> and <c>webhook-signature</c> (v1, HMAC-SHA256
/// with the subscription's secret, and its previous secret during a rotation). A receiver that does not answer
/// 2xx is tried again after growing, jittered pauses for <see cref="WebhookOptions.RetryFor"/>; then the delivery
/// is given up and the subscription marked failing.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryStore store,
    IHttpClientFactory httpClients,
    [FromKeyedServices(WebhookDispatcher.TimeKey)] TimeProvider time,
    WebhookSignal signal,
    ClinicMetrics metrics,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// The key of the dispatcher's own clock (the system's): retries, leases and signatures run on real time, not on
    /// the domain clock, which tests move around; tests that need to move the dispatcher's time replace this one.
    /// </summary>
    public const string TimeKey = "webhooks";

    private const int FanOutBatch = 200;
    private const int DeliveryBatch = 16;

    /// <summary>Longer than a receiver may take, so no other dispatcher takes a delivery while it is being sent.</summary>
    private static readonly Duration Lease = Duration.FromMinutes(2);

    private static readonly Duration FirstRetry = Duration.FromSeconds(5);
    private static readonly Duration LongestPause = Duration.FromHours(1);

    private readonly WebhookOptions settings = options.Value;

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: doubling from 5 s up to an hour, ±25 % jitter.</summary>
    public static Duration Backoff(int attempt, double jitter)
    {
        var pause = FirstRetry * Math.Pow(2, Math.Min(attempt - 1, 20));
        return (pause < LongestPause ? pause : LongestPause) * (0.75 + (0.5 * jitter));
    }

    /// <summary>One round: fan out the waiting events, then send the deliveries that are due. Returns whether there was work.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var queue = store;
        var now = Now();
        var fanned = await queue.FanOutAsync(now, FanOutBatch, cancellationToken);
        var claimed = await queue.ClaimAsync(now, Lease, DeliveryBatch, cancellationToken);
        await Task.WhenAll(claimed.Select(delivery => DeliverAsync(queue, delivery, cancellationToken)));
        return fanned > 0 || claimed.Count > 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.DispatcherEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting; the outbox keeps everything until the next round.
                logger.LogWarning("Webhook dispatch round failed with {ExceptionType}; retrying", exception.GetType().Name);
            }

            if (!busy)
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(WebhookDeliveryStore queue, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        int? statusCode = null;
        string error;
        try
        {
            using var request = Request(delivery);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            statusCode = (int)response.StatusCode;
            logger.LogDebug("Webhook delivery {DeliveryId} to subscription {SubscriptionId}: {StatusCode}", delivery.Id, delivery.SubscriptionId, statusCode);
            if (response.IsSuccessStatusCode)
            {
                await queue.SucceededAsync(delivery, statusCode.Value, Now(), CancellationToken.None);
                metrics.WebhookDelivered();
                return;
            }

            error = $"The receiver answered {statusCode}.";
        }
        catch (HttpRequestException exception)
        {
            error = exception.InnerException is WebhookDestinationRefusedException ? "The destination is not allowed." : "The receiver could not be reached.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "The receiver did not answer in time.";
        }

        var now = Now();
        if (now - delivery.CreatedAt >= Duration.FromTimeSpan(settings.RetryFor))
        {
            var failing = await queue.GiveUpAsync(delivery, statusCode, error, now, CancellationToken.None);
            metrics.WebhookAbandoned();
            if (failing)
            {
                logger.LogWarning("Webhook subscription {SubscriptionId} is failing: a delivery was given up after {Attempts} attempts", delivery.SubscriptionId, delivery.Attempt);
            }

            return;
        }

        await queue.RetryLaterAsync(delivery, statusCode, error, now + Backoff(delivery.Attempt, Random.Shared.NextDouble()), CancellationToken.None);
        metrics.WebhookRetrying();
    }

    private Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    private HttpRequestMessage Request(ClaimedDelivery delivery)
    {
        var sentAt = time.GetUtcNow();
        var id = delivery.EventId.ToString();
        var signatures = delivery.Secrets.Select(secret => new StandardWebhook(secret).Sign(id, sentAt, delivery.Payload));
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', signatures));
        return request;
    }
}

/// <summary>Wakes the dispatcher of this process as soon as a unit of work has committed events.</summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Dispose() => semaphore.Dispose();

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
