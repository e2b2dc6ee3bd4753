using System.Threading.RateLimiting;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Behaviours;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.RateLimits;
using NodaTime;

namespace Clinic.Api.Common.Http;

/// <summary>
/// A fixed-window limit whose counts live in the database (<see cref="RateLimitWindows"/>), so it holds for a
/// caller across every API process behind a load balancer. A request is counted when it asks; the lease says
/// when the window ends. While the database cannot be reached, requests are let through: they then fail on their
/// own with 503, and a limiter must never be why a caller is locked out.
/// With <paramref name="requests"/> (the write limit), a request that carries an Idempotency-Key to an endpoint that
/// honours it also has its key looked up in the same round trip, for its unit of work (ADR 0070).
/// </summary>
internal sealed class SharedFixedWindowLimiter(
    RateLimitWindows windows, string key, int permitLimit, TimeSpan window, TimeProvider time, IHttpContextAccessor? requests = null) : RateLimiter
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
            var http = requests?.HttpContext;
            var lookup = http is null ? null : IdempotencyLookup(http);
            var (hits, earlier) = await windows.HitAsync(key, Instant.FromDateTimeOffset(start), lookup, cancellationToken);
            if (lookup is { } l)
            {
                http!.RequestServices.GetRequiredService<IdempotentRequest>().Prefetched(l.SubjectId, l.Key, earlier);
            }

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

    /// <summary>
    /// The caller's subject and key when the request is a write with a well-formed Idempotency-Key to an endpoint that
    /// stores answers (<see cref="IdempotencyFilter"/> checks the key again and refuses malformed ones).
    /// </summary>
    private static (string SubjectId, string Key)? IdempotencyLookup(HttpContext http)
    {
        if (!IdempotencyFilter.AppliesTo(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotencyPolicy>() is not { Disabled: false }
            || http.User.FindFirst(ClinicClaims.Subject)?.Value is not { } subject)
        {
            return null;
        }

        var idempotencyKey = http.Request.Headers[IdempotencyFilter.Header].ToString();
        return string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyFilter.MaxKeyLength
            ? null
            : (subject, idempotencyKey);
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
