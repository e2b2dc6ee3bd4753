namespace Clinic.Domain.Common;

/// <summary>
/// Identity for aggregates and their parts. Ids are time-ordered UUIDs (v7) so indexes stay compact. An aggregate
/// raises <see cref="DomainEvent"/>s as it changes; the unit of work takes them when it saves.
/// </summary>
public abstract class Entity
{
    private List<DomainEvent>? events;

    protected Entity(Guid id)
    {
        Id = id;
    }

    public Guid Id { get; private set; }

    /// <summary>The events raised since they were last taken, once: taking them empties the list.</summary>
    public IReadOnlyList<DomainEvent> TakeEvents()
    {
        IReadOnlyList<DomainEvent> taken = events ?? [];
        events = null;
        return taken;
    }

    protected static Guid NewId() => Guid.CreateVersion7();

    /// <summary>Raises an event; the same event raised twice in one change is kept once.</summary>
    protected void Raise(DomainEvent domainEvent)
    {
        events ??= [];
        if (!events.Contains(domainEvent))
        {
            events.Add(domainEvent);
        }
    }
}
