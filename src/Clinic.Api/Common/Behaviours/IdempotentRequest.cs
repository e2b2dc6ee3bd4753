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

    public void MarkReplayed() => Replayed = true;
}
