using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Plans;

/// <summary>A client's plans, newest first. <see cref="ClientId"/> null means the calling client's own (<c>/me/plans</c>).</summary>
public sealed record ListPlansQuery(Guid? ClientId) : IQuery<IReadOnlyList<PlanResponse>>;

public sealed class ListPlansHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<ListPlansQuery, IReadOnlyList<PlanResponse>>
{
    public async ValueTask<IReadOnlyList<PlanResponse>> Handle(ListPlansQuery query, CancellationToken cancellationToken)
    {
        Guid clientId;
        if (query.ClientId is { } requested)
        {
            caller.RequireRole(Access.ClientDataRoles);
            clientId = (await access.ClientAsync(requested, cancellationToken)).Id;
        }
        else
        {
            caller.RequireRole(Roles.Client);
            clientId = caller.SubjectGuid;
        }

        var plans = await access.VisiblePlans()
            .AsNoTracking()
            .Where(p => p.ClientId == clientId)
            .Include(p => p.Assignments)
            .AsSplitQuery()
            .OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadsAsync("plan.list", "plan", plans.Select(p => (p.Id, p.ClientId)), cancellationToken);
        return plans.ConvertAll(PlanResponse.From);
    }
}
