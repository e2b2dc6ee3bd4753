using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Practices;

/// <summary>A practice as it was created, for the operators who create practices.</summary>
public sealed record GetPracticeQuery(Guid PracticeId) : IQuery<PracticeResponse>;

public sealed class GetPracticeHandler(ClinicDbContext db, Caller caller) : IQueryHandler<GetPracticeQuery, PracticeResponse>
{
    public async ValueTask<PracticeResponse> Handle(GetPracticeQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Operator);
        var practice = await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PracticeId, cancellationToken)
            ?? throw new NotFoundException("practice", query.PracticeId);
        return PracticeResponse.From(practice);
    }
}
