using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;

namespace Clinic.Api.Features.Plans;

public sealed record GetPlanQuery(Guid PlanId) : IQuery<PlanResponse>;

public sealed class GetPlanHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<GetPlanQuery, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(GetPlanQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var plan = await access.PlanAsync(query.PlanId, cancellationToken);
        await audit.RecordReadAsync("plan.read", "plan", plan.Id, plan.ClientId, cancellationToken);
        return PlanResponse.From(plan);
    }
}
