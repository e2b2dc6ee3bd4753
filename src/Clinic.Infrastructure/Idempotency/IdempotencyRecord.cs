using NodaTime;

namespace Clinic.Infrastructure.Idempotency;

/// <summary>
/// The answer to the first command sent with an <c>Idempotency-Key</c>. A replay with the same key and request
/// gets this answer again; the unique key (caller, key) makes concurrent replays store exactly one write.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The unique index on (subject, key) that settles races between replays.</summary>
    public const string UniqueKeyName = "ix_idempotency_records_subject_id_key";

    public long Id { get; init; }

    public required string SubjectId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the method, path and request body.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The command's answer as JSON, from which the entry point builds its response again.</summary>
    public required string ResponseBody { get; init; }

    public Instant CreatedAt { get; init; }
}
