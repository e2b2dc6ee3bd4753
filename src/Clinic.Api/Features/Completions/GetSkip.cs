using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// One skip report of an assignment, for whoever may read the assignment's completions, with the note as that
/// reader may see it (<see cref="Clinic.Domain.Privacy.Reader"/>): staff read it only while the client shares it.
/// </summary>
public sealed record GetSkipQuery(Guid AssignmentId, Guid SkipId) : IQuery<SkipResponse>;

public sealed class GetSkipHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetSkipQuery, SkipResponse>
{
    public async ValueTask<SkipResponse> Handle(GetSkipQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var (plan, assignment, _) = await access.AssignmentAsync(query.AssignmentId, cancellationToken);
        var skip = await db.SkipReports.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == query.SkipId && s.AssignmentId == assignment.Id, cancellationToken)
            ?? throw new NotFoundException("skip", query.SkipId);
        await audit.RecordReadAsync("skip.read", "skip", skip.Id, plan.ClientId, cancellationToken);
        return SkipResponse.For(skip, caller.Reader);
    }
}
