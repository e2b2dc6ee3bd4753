using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Idempotency;
using Clinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;

namespace Clinic.Api.Common.Http;

/// <summary>
/// Makes a POST safe to retry. The first successful answer to (caller, Idempotency-Key) is stored in the same
/// transaction as the write it answers; a replay with the same body gets that answer again, another body
/// gets 422. Concurrent replays race on a unique index, so exactly one write survives.
/// </summary>
public sealed class IdempotencyFilter(bool required) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 128;

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

        var services = http.RequestServices;
        var db = services.GetRequiredService<ClinicDbContext>();
        var caller = services.GetRequiredService<Caller>();
        var hash = await HashRequestAsync(http.Request);

        // The database may drop a connection (failover, restart): the retrying execution strategy then runs the
        // whole unit again, lookup, transaction, handler and record, from a clean change tracker. A commit whose
        // acknowledgement was lost is harmless: the rerun finds its record (or hits the unique index) and replays it.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (Context: context, Next: next, Db: db, Caller: caller, Key: key, Hash: hash),
            static async (state, cancellationToken) =>
            {
                var (context, next, db, caller, key, hash) = state;
                db.ChangeTracker.Clear();
                return await ExecuteOnceAsync(context, next, db, caller, key, hash, cancellationToken);
            },
            http.RequestAborted);
    }

    private static async Task<object?> ExecuteOnceAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, ClinicDbContext db, Caller caller, string key, string hash, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var earlier = await FindAsync(db, caller.SubjectId, key, cancellationToken);
        if (earlier is not null)
        {
            return Replay(earlier, hash, http);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                SubjectId = caller.SubjectId,
                Key = key,
                RequestHash = hash,
                StatusCode = success.StatusCode ?? StatusCodes.Status200OK,
                Location = result.GetType().GetProperty("Location")?.GetValue(result) as string,
                ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                ResponseBody = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : "",
                CreatedAt = services.GetRequiredService<IClock>().GetCurrentInstant(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent request with the same key committed first: undo ours, answer with theirs.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var winner = await FindAsync(db, caller.SubjectId, key, cancellationToken)
                    ?? throw new InvalidOperationException("Idempotency record vanished after a unique violation.");
                return Replay(winner, hash, http);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static Task<IdempotencyRecord?> FindAsync(ClinicDbContext db, string subjectId, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SubjectId == subjectId && r.Key == key, cancellationToken);

    private static IResult Replay(IdempotencyRecord record, string hash, HttpContext http)
    {
        if (record.RequestHash != hash)
        {
            throw new IdempotencyKeyReusedException();
        }

        if (record.Location is not null)
        {
            http.Response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            http.Response.Headers.ETag = record.ETag;
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Text(record.ResponseBody, "application/json", statusCode: record.StatusCode);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
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
    /// <summary>
    /// Every POST of the group honours an Idempotency-Key when sent; endpoints may require it or opt out.
    /// </summary>
    public static RouteGroupBuilder WithIdempotency(this RouteGroupBuilder group) =>
        group.WithMetadata(new IdempotencyPolicy(Required: false, Disabled: false)).AddEndpointFilter(async (invocation, next) =>
        {
            var policy = invocation.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IdempotencyPolicy>();
            if (!HttpMethods.IsPost(invocation.HttpContext.Request.Method) || policy is { Disabled: true })
            {
                return await next(invocation);
            }

            return await (policy is { Required: true } ? Required : Optional).InvokeAsync(invocation, next);
        });

    private static readonly IdempotencyFilter Required = new(required: true);
    private static readonly IdempotencyFilter Optional = new(required: false);

    /// <summary>The POST must carry an Idempotency-Key (client submissions from phones that retry).</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotencyPolicy(Required: true, Disabled: false));

    /// <summary>Answers of this POST are never stored for replay (they carry a secret shown once).</summary>
    public static RouteHandlerBuilder WithoutIdempotencyReplay(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotencyPolicy(Required: false, Disabled: true));
}
