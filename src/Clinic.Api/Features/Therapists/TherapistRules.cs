using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Therapists;

/// <summary>Checks shared by features that name a therapist.</summary>
internal static class TherapistRules
{
    public static async Task EnsureActiveAsync(ClinicDbContext db, Guid practiceId, Guid therapistId, string field, CancellationToken cancellationToken)
    {
        var active = await db.Therapists.AnyAsync(t => t.Id == therapistId && t.PracticeId == practiceId && t.Active, cancellationToken);
        if (!active)
        {
            throw new DomainException("unknown_therapist", $"{field} does not name an active therapist of this practice.", field);
        }
    }
}
