using NodaTime;

namespace Clinic.Infrastructure.Outbox;

/// <summary>
/// A domain event as written in the same transaction as the change that raised it, waiting to be fanned out to
/// the practice's webhook subscriptions. <see cref="Id"/> orders events as they were written.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }

    /// <summary>The event's own id: the <c>webhook-id</c> of every delivery of it, the same across retries.</summary>
    public Guid EventId { get; init; }

    public required string Type { get; init; }

    public Guid PracticeId { get; init; }

    public Guid ClientId { get; init; }

    /// <summary>The event's ids as JSON (see <see cref="OutboxWriter"/>).</summary>
    public required string Payload { get; init; }

    public Instant OccurredAt { get; init; }

    /// <summary>When it was fanned out to subscriptions; null while waiting.</summary>
    public Instant? DispatchedAt { get; init; }
}
