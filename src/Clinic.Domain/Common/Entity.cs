namespace Clinic.Domain.Common;

/// <summary>Identity for aggregates and their parts. Ids are time-ordered UUIDs (v7) so indexes stay compact.</summary>
public abstract class Entity
{
    protected Entity(Guid id)
    {
        Id = id;
    }

    public Guid Id { get; private set; }

    protected static Guid NewId() => Guid.CreateVersion7();
}
