using NodaTime;

namespace Clinic.Infrastructure.Idempotency;

/// <summary>
/// The first answer to a POST carrying an <c>Idempotency-Key</c>. A replay with the same key and body gets
/// this answer again; the unique key (caller, key) makes concurrent replays store exactly one write.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; init; }

    public required string SubjectId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the method, path and canonical request body.</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; init; }

    public string? Location { get; init; }

    /// <summary>The ETag the first answer carried (plan creation), so a replay carries it too.</summary>
    public string? ETag { get; init; }

    public required string ResponseBody { get; init; }

    public Instant CreatedAt { get; init; }
}
