using Clinic.Domain.Common;

namespace Clinic.Domain.Alerts;

/// <summary>A safety alert opened; <see cref="Cause"/> is the rule's code, never anything the client wrote.</summary>
public sealed record AlertOpened(Guid PracticeId, Guid ClientId, Guid AlertId, AlertCause Cause) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "alert.opened";
}

/// <summary>The rule of an open alert fired again; the alert asks to be acknowledged again.</summary>
public sealed record AlertRetriggered(Guid PracticeId, Guid ClientId, Guid AlertId, AlertCause Cause) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "alert.retriggered";
}

public sealed record AlertAcknowledged(Guid PracticeId, Guid ClientId, Guid AlertId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "alert.acknowledged";
}

public sealed record AlertResolved(Guid PracticeId, Guid ClientId, Guid AlertId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "alert.resolved";
}
