using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Practices;

/// <summary>A psychotherapy practice: the tenant. Everything else belongs to exactly one practice.</summary>
public sealed class Practice : Entity
{
    public const int NameMaxLength = 200;

    private Practice(Guid id, string name, string defaultTimeZone, Instant createdAt)
        : base(id)
    {
        Name = name;
        DefaultTimeZone = defaultTimeZone;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; }

    public string DefaultTimeZone { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>The distress threshold and crisis resources clients are shown (ADR 0017).</summary>
    public CrisisSupport CrisisSupport { get; private set; } = CrisisSupport.Default;

    public static Practice Create(string name, string timeZone, Instant now, Guid? id = null)
    {
        TimeZones.Get(timeZone);
        return new Practice(id ?? NewId(), Guard.Text(name, "name", NameMaxLength), timeZone, now);
    }

    public void ConfigureCrisisSupport(CrisisSupport support) => CrisisSupport = support;
}
