using System.Buffers;
using System.Security.Cryptography;
using Clinic.Api.Common.Behaviours;
using Clinic.Api.Common.Errors;

namespace Clinic.Api.Common.Http;

/// <summary>
/// The HTTP side of idempotency: reads the <c>Idempotency-Key</c> header of a POST, PATCH or DELETE, hashes the
/// method, path and body, and hands both to the request's command (<see cref="IdempotentRequest"/>); the unit of work
/// stores or replays the answer (<see cref="UnitOfWorkBehaviour{TMessage,TResponse}"/>). A replayed answer carries
/// <c>Idempotent-Replayed: true</c>.
/// </summary>
public sealed class IdempotencyFilter(bool required) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 128;

    /// <summary>The methods whose requests honour an Idempotency-Key: the writes that are not idempotent by themselves.</summary>
    public static bool AppliesTo(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            return required ? throw new BadParameterException(Header, "This request needs an Idempotency-Key header (a unique string per logical request, e.g. a UUID).") : await next(context);
        }

        if (key.Length > MaxKeyLength)
        {
            throw new BadParameterException(Header, $"Idempotency-Key must be at most {MaxKeyLength} characters.");
        }

        var request = http.RequestServices.GetRequiredService<IdempotentRequest>();
        request.Set(key, await HashRequestAsync(http.Request));
        var result = await next(context);
        if (request.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return result;
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;

            // A pooled buffer: every write with a key passes here, and a fresh 8 KB array each time was garbage.
            var buffer = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>Per-endpoint idempotency: required (client submissions) or off (answers that carry secrets).</summary>
public sealed record IdempotencyPolicy(bool Required, bool Disabled);

public static class IdempotencyEndpointExtensions
{
    private static readonly IdempotencyFilter Required = new(required: true);
    private static readonly IdempotencyFilter Optional = new(required: false);

    /// <summary>
    /// Every POST, PATCH and DELETE of the group honours an Idempotency-Key when sent; endpoints may require it or
    /// opt out.
    /// </summary>
    public static RouteGroupBuilder WithIdempotency(this RouteGroupBuilder group) =>
        group.WithMetadata(new IdempotencyPolicy(Required: false, Disabled: false)).AddEndpointFilter(async (invocation, next) =>
        {
            var policy = invocation.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IdempotencyPolicy>();
            if (!IdempotencyFilter.AppliesTo(invocation.HttpContext.Request.Method) || policy is { Disabled: true })
            {
                return await next(invocation);
            }

            return await (policy is { Required: true } ? Required : Optional).InvokeAsync(invocation, next);
        });

    /// <summary>The request must carry an Idempotency-Key (client submissions from phones that retry).</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotencyPolicy(Required: true, Disabled: false));

    /// <summary>Answers of this POST are never stored for replay (they carry a secret shown once).</summary>
    public static RouteHandlerBuilder WithoutIdempotencyReplay(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotencyPolicy(Required: false, Disabled: true));
}
