using NodaTime;

namespace Clinic.Infrastructure.Webhooks;

/// <summary>
/// One event on its way to one subscription: tried until the receiver answers 2xx, with growing pauses, for a day
/// at most. Deliveries of one client's events to one subscription go out one at a time, in the order of the events.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public long OutboxId { get; init; }

    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    public Guid ClientId { get; init; }

    /// <summary>The body sent, as signed (ids only).</summary>
    public required string Payload { get; init; }

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c> (given up).</summary>
    public required string Status { get; init; }

    public int Attempts { get; init; }

    public Instant NextAttemptAt { get; init; }

    /// <summary>While a dispatcher is sending it, no other takes it.</summary>
    public Instant? LeasedUntil { get; init; }

    public Instant? LastAttemptAt { get; init; }

    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed, in a few words (never the receiver's body).</summary>
    public string? LastError { get; init; }

    public Instant CreatedAt { get; init; }

    public Instant? DeliveredAt { get; init; }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
