using NodaTime;

namespace Clinic.Infrastructure.Auditing;

/// <summary>
/// One read or write of client data: who, what, when, with what outcome. Append-only: the table refuses
/// updates and deletes (a trigger in the migration), so the record cannot be rewritten by the application.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }

    public Instant OccurredAt { get; init; }

    public required string SubjectId { get; init; }

    public required string Role { get; init; }

    public Guid? PracticeId { get; init; }

    /// <summary>What was done, e.g. <c>completion.create</c>, <c>plan.read</c>.</summary>
    public required string Action { get; init; }

    public required string ResourceType { get; init; }

    public Guid? ResourceId { get; init; }

    public Guid? ClientId { get; init; }

    /// <summary><c>success</c>, or <c>denied</c> when the caller was refused.</summary>
    public required string Outcome { get; init; }

    public string? RequestId { get; init; }

    public string? SourceAddress { get; init; }
}
