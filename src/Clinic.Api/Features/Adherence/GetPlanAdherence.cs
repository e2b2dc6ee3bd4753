using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Adherence;
using FluentValidation;
using Mediator;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Adherence;

/// <summary>
/// A plan's adherence summary as ADHERENCE.md defines it. <see cref="AsOf"/> (an instant, default now) and
/// <see cref="From"/> (a local date, default the plan's start) arrive as the raw query-string text.
/// </summary>
public sealed record GetPlanAdherenceQuery(Guid PlanId, string? AsOf, string? From) : IQuery<AdherenceSummary>;

public sealed class GetPlanAdherenceValidator : AbstractValidator<GetPlanAdherenceQuery>
{
    public GetPlanAdherenceValidator()
    {
        RuleFor(q => q.AsOf).Must(WireFormats.IsInstantOrAbsent).WithMessage("asOf " + WireFormats.InstantMessage);
        RuleFor(q => q.From).Must(WireFormats.IsDateOrAbsent).WithMessage("from " + WireFormats.DateMessage);
    }
}

public sealed class GetPlanAdherenceHandler(Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetPlanAdherenceQuery, AdherenceSummary>
{
    public async ValueTask<AdherenceSummary> Handle(GetPlanAdherenceQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var asOf = WireFormats.InstantOr(query.AsOf, clock.GetCurrentInstant());
        var plans = await reader.PlansAsync(access.VisiblePlans().Where(p => p.Id == query.PlanId), cancellationToken);
        var (plan, zone) = plans.Count == 1 ? (plans[0].Plan, plans[0].Zone) : throw new NotFoundException("plan", query.PlanId);

        LocalDate? from = query.From is null ? null : WireFormats.ParseDate(query.From);
        if (from > asOf.InZone(zone).Date)
        {
            throw new BadParameterException("from", "from must not be after the local date of asOf in the client's time zone.");
        }

        var summaries = await reader.SummarizeAsync(
            [new AdherenceRequest(plan, zone, from)],
            asOf,
            audit.Reads("adherence.read", "plan", [(plan.Id, plan.ClientId)]),
            cancellationToken);
        return summaries[0];
    }
}
