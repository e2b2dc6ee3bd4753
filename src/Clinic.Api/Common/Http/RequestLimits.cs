using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.RateLimits;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Clinic.Api.Common.Http;

/// <summary>
/// Limits that keep one caller from exhausting the service: a cap on request bodies (413), a per-subject budget
/// of writes (429 with Retry-After), a bound on caseloads computed at once, and a handful of response headers
/// every answer carries.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;
    public const string WritePolicy = "writes";

    /// <summary>
    /// A caseload summarises every client of a therapist (forty plans, thousands of completions) and holds them in
    /// memory while it does. Only a few are computed at once (by default two per processor, which keeps the
    /// processors and the database busy); the others wait their turn in order, so a morning sync of a whole
    /// practice costs bounded memory instead of memory in proportion to the callers. A full queue answers 503.
    /// </summary>
    public const string CaseloadPolicy = "caseloads";

    /// <summary>
    /// A per-minute limit for one caller, counted in the database so that it holds across replicas; the write limit
    /// (<paramref name="withIdempotencyLookup"/>) also looks up the request's Idempotency-Key in that round trip.
    /// </summary>
    private static RateLimitPartition<string> Shared(HttpContext context, string key, int permitsPerMinute, bool withIdempotencyLookup = false) =>
        RateLimitPartition.Get(key, partition => new SharedFixedWindowLimiter(
            context.RequestServices.GetRequiredService<RateLimitWindows>(),
            partition,
            permitsPerMinute,
            TimeSpan.FromMinutes(1),
            context.RequestServices.GetRequiredService<TimeProvider>(),
            withIdempotencyLookup ? context.RequestServices.GetRequiredService<IHttpContextAccessor>() : null));

    public static IServiceCollection AddClinicRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var writesPerMinute = configuration.GetValue("RateLimits:WritesPerMinute", 600);
        services.AddHttpContextAccessor();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(WritePolicy, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }

                var subject = context.User.FindFirst(ClinicClaims.Subject)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                return Shared(context, "writes:" + subject, writesPerMinute, withIdempotencyLookup: true);
            });

            // Invitation codes are short enough to type: guessing them is slowed per source address, across processes.
            var tokenRequestsPerMinute = configuration.GetValue("RateLimits:TokenRequestsPerMinute", 30);
            options.AddPolicy(Features.Tokens.TokenService.RateLimitPolicy, context =>
                Shared(context, "token:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), tokenRequestsPerMinute));
            options.AddConcurrencyLimiter(CaseloadPolicy, limiter =>
            {
                limiter.PermitLimit = configuration.GetValue("RateLimits:ConcurrentCaseloads", 2 * Environment.ProcessorCount);
                limiter.QueueLimit = configuration.GetValue("RateLimits:QueuedCaseloads", 1000);
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == CaseloadPolicy)
                {
                    context.HttpContext.Response.Headers.RetryAfter = "1";
                    await Results.Problem(
                            statusCode: StatusCodes.Status503ServiceUnavailable,
                            title: "Busy",
                            detail: "Too many caseloads are being computed. Retry after 1 second.")
                        .ExecuteAsync(context.HttpContext);
                    return;
                }

                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests",
                        detail: $"Too many writes from this caller. Retry after {retryAfter} seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Refuses bodies over <see cref="MaxBodyBytes"/> with 413, whether or not they declare their length.</summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The request body is larger than {MaxBodyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
        }

        var sizeFeature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
        {
            context.Request.Body = new LengthLimitedStream(context.Request.Body, MaxBodyBytes);
        }

        await next(context);
    });

    /// <summary>
    /// Refuses a query parameter that holds a NUL character with a 400 naming it. No parameter can mean one, and
    /// PostgreSQL text cannot hold one, so it would reach the database as a fault of the server (a search of the
    /// token service's clients, say). Kestrel already refuses NULs in paths and headers, and the JSON and FHIR
    /// readers in bodies. The therapist's pages read their own parameters and answer a bad one with a page of their own.
    /// </summary>
    public static IApplicationBuilder UseQueryTextGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A NUL can only arrive percent-encoded; the common query without one costs a search of its text.
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            && !context.Request.Path.StartsWithSegments(Features.Web.WebSetup.PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (name.Contains('\0', StringComparison.Ordinal) || values.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    throw new BadParameterException(name.Replace('\0', '\uFFFD'), "A query parameter may not hold a NUL character.");
                }
            }
        }

        await next(context);
    });

    /// <summary>
    /// Headers that keep browsers from sniffing, framing or leaking our URLs, and, on the REST API's and the FHIR
    /// façade's answers, from keeping a copy: they hold client data, which a browser's or a device's HTTP cache would
    /// otherwise write to disk (<c>Cache-Control: no-store</c>, unless the endpoint chose otherwise). A client that reads
    /// again with <c>If-None-Match</c> keeps its own copy.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var holdsClientData = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || Features.Fhir.FhirEndpoints.IsFhirPath(path);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (holdsClientData && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    private sealed class LengthLimitedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            return read > limit
                ? throw new BadHttpRequestException($"The request body is larger than {limit / 1024} KB.", StatusCodes.Status413PayloadTooLarge)
                : bytes;
        }
    }
}
