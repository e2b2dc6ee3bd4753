using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Therapists;

public sealed record ListTherapistsQuery : IQuery<IReadOnlyList<TherapistResponse>>;

public sealed class ListTherapistsHandler(ClinicDbContext db, Caller caller) : IQueryHandler<ListTherapistsQuery, IReadOnlyList<TherapistResponse>>
{
    public async ValueTask<IReadOnlyList<TherapistResponse>> Handle(ListTherapistsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.PracticeId == practiceId).OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        return therapists.ConvertAll(TherapistResponse.From);
    }
}
