using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Plans;

/// <summary>Finds a plan by the EHR's id for it.</summary>
public sealed record GetPlanByExternalIdQuery(string ExternalId) : IQuery<PlanResponse>;

public sealed class GetPlanByExternalIdHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<GetPlanByExternalIdQuery, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(GetPlanByExternalIdQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var id = await access.VisiblePlans().Where(p => p.ExternalId == query.ExternalId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("plan", null);
        var plan = await access.PlanAsync(id, cancellationToken);
        await audit.RecordReadAsync("plan.read", "plan", plan.Id, plan.ClientId, cancellationToken);
        return PlanResponse.From(plan);
    }
}
