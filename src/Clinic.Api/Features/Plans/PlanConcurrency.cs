using Clinic.Api.Common.Http;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// Optimistic concurrency for plan edits: the caller's If-Match must name the current version, and that version
/// is what the UPDATE checks, so a change that slips in between read and write still fails with 412.
/// </summary>
internal static class PlanConcurrency
{
    public static void Check(ClinicDbContext db, HomeworkPlan plan, string? ifMatch, bool required)
    {
        if (ETags.CheckIfMatch(ifMatch, plan.Version, required, "plan") is { } version)
        {
            db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        }
    }
}
