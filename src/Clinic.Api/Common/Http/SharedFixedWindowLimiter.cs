using System.Threading.RateLimiting;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.RateLimits;
using NodaTime;

namespace Clinic.Api.Common.Http;

/// <summary>
/// A fixed-window limit whose counts live in the database (<see cref="RateLimitWindows"/>), so it holds for a
/// caller across every API process behind a load balancer. A request is counted when it asks; the lease says
/// when the window ends. While the database cannot be reached, requests are let through: they then fail on their
/// own with 503, and a limiter must never be why a caller is locked out.
/// </summary>
internal sealed class SharedFixedWindowLimiter(RateLimitWindows windows, string key, int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private long? idleSince = DateTime.UtcNow.Ticks;

    public override TimeSpan? IdleDuration => idleSince is { } since ? TimeSpan.FromTicks(DateTime.UtcNow.Ticks - since) : null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Nothing is known without asking the database; the middleware then awaits <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Granted : new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return Granted;
        }

        idleSince = null;
        try
        {
            var now = time.GetUtcNow();
            var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
            var hits = await windows.HitAsync(key, Instant.FromDateTimeOffset(start), cancellationToken);
            return hits <= permitLimit ? Granted : new Lease(false, start + window - now);
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            return Granted;
        }
        finally
        {
            idleSince = DateTime.UtcNow.Ticks;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
