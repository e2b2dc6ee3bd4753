using Clinic.Domain.Practices;

namespace Clinic.Api.Features.Practices;

/// <summary>
/// What a client in crisis is shown: the practice's resources, or the default one (<see cref="UsesDefault"/>), and
/// the distress rating from which the client app shows them.
/// </summary>
public sealed record CrisisSupportResponse(int DistressThreshold, IReadOnlyList<CrisisResource> Resources, bool UsesDefault)
{
    public static CrisisSupportResponse From(CrisisSupport support) => new(support.DistressThreshold, support.Shown, support.UsesDefault);
}
