using Clinic.Domain.Common;

namespace Clinic.Domain.Practices;

/// <summary>One place or person a client in crisis can turn to: what to do, a number to call, a link.</summary>
public sealed record CrisisResource(string Text, string? Phone = null, string? Link = null);

/// <summary>
/// How a practice meets a client in crisis: the distress rating (0..10) from which the client app is shown the
/// practice's crisis resources, and those resources. A practice that has set none gets a clear default.
/// </summary>
public sealed record CrisisSupport(int DistressThreshold, IReadOnlyList<CrisisResource> Resources)
{
    public const int DefaultThreshold = 8;
    public const int MaxResources = 10;
    public const int TextMaxLength = 500;
    public const int PhoneMaxLength = 40;
    public const int LinkMaxLength = 500;

    /// <summary>Shown when a practice has set no resources of its own.</summary>
    public static readonly CrisisResource DefaultResource = new(
        "If you are in danger or might act on thoughts of harming yourself, call your local emergency number now or go to the nearest "
        + "emergency department. You do not have to wait for your next session, and you do not have to manage this alone.");

    public static CrisisSupport Default { get; } = new(DefaultThreshold, []);

    /// <summary>Whether the practice has set resources of its own; when not, <see cref="Shown"/> is the default.</summary>
    public bool UsesDefault => Resources.Count == 0;

    /// <summary>What a client is shown: the practice's resources, or the default one.</summary>
    public IReadOnlyList<CrisisResource> Shown => UsesDefault ? [DefaultResource] : Resources;

    public static CrisisSupport Create(int distressThreshold, IReadOnlyList<CrisisResource> resources)
    {
        if (distressThreshold is < 0 or > 10)
        {
            throw new DomainException("out_of_range", "distressThreshold must be between 0 and 10.", "distressThreshold");
        }

        if (resources.Count > MaxResources)
        {
            throw new DomainException("too_many_resources", $"At most {MaxResources} crisis resources.", "resources");
        }

        return new CrisisSupport(
            distressThreshold,
            [.. resources.Select((r, i) => new CrisisResource(
                Guard.Text(r.Text, $"resources[{i}].text", TextMaxLength),
                Guard.OptionalText(r.Phone, $"resources[{i}].phone", PhoneMaxLength),
                Guard.OptionalText(r.Link, $"resources[{i}].link", LinkMaxLength)))]);
    }

    /// <summary>Whether a rating is high enough for the client to be shown the crisis resources.</summary>
    public bool Applies(int? distress) => distress >= DistressThreshold;
}
