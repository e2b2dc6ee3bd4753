using Clinic.Domain.Therapists;

namespace Clinic.Api.Features.Therapists;

public sealed record TherapistResponse(Guid Id, Guid PracticeId, string DisplayName, string Email, string? ExternalId, bool Active)
{
    public static TherapistResponse From(Therapist t) => new(t.Id, t.PracticeId, t.DisplayName, t.Email, t.ExternalId, t.Active);
}
