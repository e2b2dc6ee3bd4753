namespace Clinic.Domain.Common;

/// <summary>
/// Something that happened to an aggregate that others may want to be told about (an EHR, a client-app back end).
/// Events carry ids and kinds only, never what a client wrote or anyone's name: a receiver reads the details with
/// its own access rights. Written to the outbox in the same transaction as the change that raised them.
/// </summary>
public abstract record DomainEvent(Guid PracticeId, Guid ClientId)
{
    /// <summary>The stable wire name, <c>noun.verb_in_past</c>, e.g. <c>completion.recorded</c>.</summary>
    public abstract string Type { get; }
}
