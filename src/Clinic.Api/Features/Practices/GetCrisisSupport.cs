using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Practices;

/// <summary>The caller's practice's crisis support; every member of the practice may read it, clients included.</summary>
public sealed record GetCrisisSupportQuery : IQuery<CrisisSupportResponse>;

public sealed class GetCrisisSupportHandler(ClinicDbContext db, Caller caller) : IQueryHandler<GetCrisisSupportQuery, CrisisSupportResponse>
{
    public async ValueTask<CrisisSupportResponse> Handle(GetCrisisSupportQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin, Roles.Therapist, Roles.Integration, Roles.Client);
        var practiceId = caller.Practice;
        var practice = await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == practiceId, cancellationToken)
            ?? throw new NotFoundException("practice", practiceId);
        return CrisisSupportResponse.From(practice.CrisisSupport);
    }
}
