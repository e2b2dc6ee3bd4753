using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Idempotency;
using Clinic.Infrastructure.Outbox;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Clinic.Api.Common.Behaviours;

/// <summary>
/// Runs a command as one unit of work, the one place where a write commits: it opens a transaction, runs the
/// handler, and saves in one go everything the handler changed, the audit entries it recorded, the events the
/// changed aggregates raised (into the outbox, for webhooks) and the answer stored under the request's
/// Idempotency-Key, then commits, and wakes the webhook dispatcher when there were events. A command sent again with a key already used gets
/// the stored answer without running again (the same key with another request is 422); two sent at once race on
/// the key's unique index, and the loser answers with the winner's answer. A transient database failure runs the
/// whole unit again from a clean slate; a commit whose acknowledgement was lost is found by its key.
/// Queries pass straight through.
/// </summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(
    ClinicDbContext db, IdempotentRequest idempotency, Caller caller, IClock clock, WebhookSignal webhooks, IOptions<JsonOptions> json)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly ClinicDbContext db = db;
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
        {
            // A query, or a command sent from inside another command's unit of work, which it joins.
            return await next(message, cancellationToken);
        }

        var key = idempotency.Take();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (Unit: this, Message: message, Next: next, Key: key),
            static async (state, token) =>
            {
                state.Unit.db.ChangeTracker.Clear();
                return await state.Unit.RunOnceAsync(state.Message, state.Next, state.Key, token);
            },
            cancellationToken);
    }

    private async Task<TResponse> RunOnceAsync(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, (string Key, string RequestHash)? key, CancellationToken cancellationToken)
    {
        if (key is { } k && await EarlierAsync(k.Key, cancellationToken) is { } earlier)
        {
            return Replay(earlier, k.RequestHash);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        var events = OutboxWriter.AddRaisedEvents(db, clock.GetCurrentInstant());
        if (key is { } stored)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                SubjectId = caller.SubjectId,
                Key = stored.Key,
                RequestHash = stored.RequestHash,
                ResponseBody = JsonSerializer.Serialize(response, serializer),
                CreatedAt = clock.GetCurrentInstant(),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (key is { } raced && DatabaseErrors.IsUniqueViolation(exception, IdempotencyRecord.UniqueKeyName))
        {
            // The same key committed first in another request: undo ours, answer with theirs.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await FindAsync(raced.Key, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency record vanished after a unique violation.");
            return Replay(winner, raced.RequestHash);
        }

        await transaction.CommitAsync(cancellationToken);
        if (events > 0)
        {
            webhooks.Notify();
        }

        return response;
    }

    /// <summary>
    /// The answer stored under the key: looked up when the request was counted against the write limit (same round
    /// trip, ADR 0070) on the first run, or now.
    /// </summary>
    private Task<IdempotencyRecord?> EarlierAsync(string key, CancellationToken cancellationToken) =>
        idempotency.TryTakePrefetched(caller.SubjectId, key, out var record) ? Task.FromResult(record) : FindAsync(key, cancellationToken);

    private Task<IdempotencyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var subject = caller.SubjectId;
        return db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.SubjectId == subject && r.Key == key, cancellationToken);
    }

    private TResponse Replay(IdempotencyRecord record, string requestHash)
    {
        if (record.RequestHash != requestHash)
        {
            throw new IdempotencyKeyReusedException();
        }

        idempotency.MarkReplayed();
        return JsonSerializer.Deserialize<TResponse>(record.ResponseBody, serializer)!;
    }
}
