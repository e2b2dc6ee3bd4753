using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Therapists;

public sealed record GetTherapistQuery(Guid TherapistId) : IQuery<TherapistResponse>;

public sealed class GetTherapistHandler(ClinicDbContext db, Caller caller) : IQueryHandler<GetTherapistQuery, TherapistResponse>
{
    public async ValueTask<TherapistResponse> Handle(GetTherapistQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var therapist = await db.Therapists.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.TherapistId && t.PracticeId == practiceId, cancellationToken)
            ?? throw new NotFoundException("therapist", query.TherapistId);
        return TherapistResponse.From(therapist);
    }
}
