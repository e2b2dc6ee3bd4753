using Clinic.Api.Common.Errors;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// Optimistic concurrency for plan edits: the caller's If-Match must be the current ETag, and the version
/// it names is what the UPDATE checks, so a change that slips in between read and write still fails with 412.
/// </summary>
internal static class PlanConcurrency
{
    public static void Check(ClinicDbContext db, HomeworkPlan plan, string? ifMatch, bool required)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            if (required)
            {
                throw new PreconditionException("Send the plan's ETag in If-Match to change it.", missing: true);
            }

            return;
        }

        if (ifMatch.Trim() == "*")
        {
            return;
        }

        var text = ifMatch.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        if (!int.TryParse(text, out var version) || version != plan.Version)
        {
            throw new PreconditionException("The plan has changed since you read it. Read it again and retry with its new ETag.");
        }

        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
    }
}
