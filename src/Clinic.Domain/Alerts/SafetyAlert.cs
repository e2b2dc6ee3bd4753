using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Alerts;

/// <summary>Why a safety alert opened. The wire names are snake_case (<c>phq9_item9</c>).</summary>
public enum AlertCause
{
    /// <summary>The client answered PHQ-9 item 9 (thoughts of being better off dead or of self-harm) above 0.</summary>
    Phq9Item9,

    /// <summary>The client rated their distress after a practice 9 or 10.</summary>
    HighDistressAfterPractice,

    /// <summary>The client skipped practice as too distressing twice within 7 days.</summary>
    RepeatedDistressingSkips,
}

/// <summary>What the client submitted that triggered an alert.</summary>
public enum AlertSourceType
{
    MeasureResponse,
    Completion,
    Skip,
}

public enum AlertStatus
{
    Open,
    Resolved,
}

/// <summary>
/// A rule of <see cref="SafetyRules"/> fired for a client: why, what triggered it (its id, never its text) and the
/// value that crossed the line (the item 9 answer, the distress rating, the number of distressing skips).
/// </summary>
public sealed record AlertTrigger(Guid PracticeId, Guid ClientId, AlertCause Cause, AlertSourceType SourceType, Guid SourceId, int Value);

/// <summary>
/// Risk routed to a person: an alert opens when a client's own submission meets a rule of <see cref="SafetyRules"/>,
/// stays open until staff resolve it with a note, and is acknowledged by staff in between. A client has at most one
/// open alert per cause: the same rule firing again while it is open is recorded on that alert (and asks for a new
/// acknowledgement) rather than opening another. It holds ids, codes and values, never text the client wrote.
/// </summary>
public sealed class SafetyAlert : Entity
{
    public const int NoteMaxLength = 2000;

    private SafetyAlert(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public AlertCause Cause { get; private set; }

    public AlertStatus Status { get; private set; }

    public Instant OpenedAt { get; private set; }

    /// <summary>How many submissions met the rule while the alert was open (1 when it opened).</summary>
    public int TriggerCount { get; private set; }

    public Instant LastTriggeredAt { get; private set; }

    /// <summary>The latest submission that met the rule.</summary>
    public AlertSourceType SourceType { get; private set; }

    public Guid SourceId { get; private set; }

    /// <summary>The value of the latest trigger: the item 9 answer (1..3), the distress rating (9..10) or the number of distressing skips (2+).</summary>
    public int Value { get; private set; }

    public Instant? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    /// <summary>Staff's note on acknowledging (staff text, not the client's).</summary>
    public string? AcknowledgeNote { get; private set; }

    /// <summary>The trigger count when staff last acknowledged; the alert is acknowledged while no trigger came since.</summary>
    public int AcknowledgedTriggers { get; private set; }

    public Instant? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public string? ResolutionNote { get; private set; }

    public bool IsOpen => Status == AlertStatus.Open;

    /// <summary>Whether staff have acknowledged every trigger so far.</summary>
    public bool IsAcknowledged => AcknowledgedTriggers == TriggerCount;

    public static SafetyAlert Open(AlertTrigger trigger, Instant now)
    {
        var alert = new SafetyAlert(NewId())
        {
            PracticeId = trigger.PracticeId,
            ClientId = trigger.ClientId,
            Cause = trigger.Cause,
            Status = AlertStatus.Open,
            OpenedAt = now,
            TriggerCount = 1,
            LastTriggeredAt = now,
            SourceType = trigger.SourceType,
            SourceId = trigger.SourceId,
            Value = trigger.Value,
        };
        alert.Raise(new AlertOpened(alert.PracticeId, alert.ClientId, alert.Id, alert.Cause));
        return alert;
    }

    /// <summary>The rule fired again while the alert is open: recorded here, and staff are asked to acknowledge again.</summary>
    public void Retrigger(AlertTrigger trigger, Instant now)
    {
        if (!IsOpen || trigger.ClientId != ClientId || trigger.Cause != Cause)
        {
            throw new InvalidOperationException("Only an open alert of the same client and cause can be triggered again.");
        }

        TriggerCount++;
        LastTriggeredAt = now;
        (SourceType, SourceId, Value) = (trigger.SourceType, trigger.SourceId, trigger.Value);
        Raise(new AlertRetriggered(PracticeId, ClientId, Id, Cause));
    }

    /// <summary>Staff have seen the alert (and may say what they are doing about it). Acknowledging again updates when and by whom.</summary>
    public void Acknowledge(string by, string? note, Instant now)
    {
        EnsureOpen("acknowledged");
        AcknowledgeNote = Guard.OptionalText(note, "note", NoteMaxLength) ?? AcknowledgeNote;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
        AcknowledgedTriggers = TriggerCount;
        Raise(new AlertAcknowledged(PracticeId, ClientId, Id));
    }

    /// <summary>Staff close the alert, saying what was done; a later trigger of the same cause opens a new alert.</summary>
    public void Resolve(string by, string? note, Instant now)
    {
        EnsureOpen("resolved");
        ResolutionNote = Guard.Text(note, "note", NoteMaxLength);
        ResolvedAt = now;
        ResolvedBy = by;
        Status = AlertStatus.Resolved;
        Raise(new AlertResolved(PracticeId, ClientId, Id));
    }

    private void EnsureOpen(string verb)
    {
        if (!IsOpen)
        {
            throw new ConflictException("alert_resolved", $"A resolved alert cannot be {verb}.");
        }
    }
}
