using Clinic.Domain.Alerts;
using NodaTime;

namespace Clinic.Api.Features.Alerts;

/// <summary>
/// A safety alert as staff see it: why it opened, what triggered it last (a submission's id and the value that crossed
/// the line; never anything the client wrote), whether staff have acknowledged every trigger, and staff's notes.
/// </summary>
public sealed record AlertResponse(
    Guid Id,
    Guid ClientId,
    string ClientDisplayName,
    AlertCause Cause,
    AlertStatus Status,
    bool Acknowledged,
    Instant OpenedAt,
    Instant LastTriggeredAt,
    int TriggerCount,
    AlertSourceType SourceType,
    Guid SourceId,
    int Value,
    Instant? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeNote,
    Instant? ResolvedAt,
    string? ResolvedBy,
    string? ResolutionNote)
{
    public static AlertResponse From(SafetyAlert a, string clientDisplayName) => new(
        a.Id, a.ClientId, clientDisplayName, a.Cause, a.Status, a.IsAcknowledged, a.OpenedAt, a.LastTriggeredAt, a.TriggerCount,
        a.SourceType, a.SourceId, a.Value, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote, a.ResolvedAt, a.ResolvedBy, a.ResolutionNote);

    /// <summary>Open alerts first, those waiting for an acknowledgement before those acknowledged, newest trigger first.</summary>
    public static IOrderedEnumerable<AlertResponse> Triage(IEnumerable<AlertResponse> alerts) => alerts
        .OrderBy(a => a.Status)
        .ThenBy(a => a.Acknowledged)
        .ThenByDescending(a => a.LastTriggeredAt)
        .ThenByDescending(a => a.Id);
}
