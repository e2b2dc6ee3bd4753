using Clinic.Infrastructure.Idempotency;

namespace Clinic.Api.Common.Behaviours;

/// <summary>
/// The Idempotency-Key of the request being handled and a hash of what was sent with it, set by the entry point
/// (the HTTP filter reads the header and hashes method, path and body) and taken by the first command of the request
/// (<see cref="UnitOfWorkBehaviour{TMessage,TResponse}"/>), which stores its answer under the key or replays the
/// answer stored before.
/// </summary>
public sealed class IdempotentRequest
{
    private (string Key, string RequestHash)? pending;
    private (string SubjectId, string Key, IdempotencyRecord? Record)? prefetched;

    /// <summary>Whether the answer of this request is a replay of an earlier one.</summary>
    public bool Replayed { get; private set; }

    public void Set(string key, string requestHash) => pending = (key, requestHash);

    /// <summary>The key and hash, once: a second command sent while handling the same request does not reuse them.</summary>
    public (string Key, string RequestHash)? Take()
    {
        var taken = pending;
        pending = null;
        return taken;
    }

    /// <summary>
    /// What the database held under the caller's key when the request was counted against the write limit: the
    /// lookup travels in that round trip (<see cref="Http.SharedFixedWindowLimiter"/>, ADR 0070).
    /// </summary>
    public void Prefetched(string subjectId, string key, IdempotencyRecord? record) => prefetched = (subjectId, key, record);

    /// <summary>
    /// The prefetched lookup for this caller and key, once: a unit of work run again after a transient failure looks
    /// again, since its own earlier run may have committed.
    /// </summary>
    public bool TryTakePrefetched(string subjectId, string key, out IdempotencyRecord? record)
    {
        var found = prefetched is { } p && p.SubjectId == subjectId && p.Key == key;
        record = found ? prefetched!.Value.Record : null;
        prefetched = null;
        return found;
    }

    public void MarkReplayed() => Replayed = true;
}
