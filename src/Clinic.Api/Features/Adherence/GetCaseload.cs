using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Plans;
using FluentValidation;
using Mediator;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Adherence;

/// <summary>
/// Triage of a caseload: one row per client with an active plan, those who need attention first.
/// A therapist sees their own clients; an admin the practice, optionally one therapist's.
/// </summary>
public sealed record GetCaseloadQuery(string? AsOf, Guid? TherapistId) : IQuery<IReadOnlyList<CaseloadRow>>;

public sealed record CaseloadRow(
    Guid ClientId,
    string DisplayName,
    Guid PlanId,
    double? AdherenceRate,
    double? Pdc,
    int CurrentStreak,
    int? DaysSinceLastCompletion,
    IReadOnlyList<string> Flags,
    Instant? NextSessionAt);

public sealed class GetCaseloadValidator : AbstractValidator<GetCaseloadQuery>
{
    public GetCaseloadValidator() =>
        RuleFor(q => q.AsOf).Must(WireFormats.IsInstantOrAbsent).WithMessage("asOf " + WireFormats.InstantMessage);
}

public sealed class GetCaseloadHandler(Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetCaseloadQuery, IReadOnlyList<CaseloadRow>>
{
    public async ValueTask<IReadOnlyList<CaseloadRow>> Handle(GetCaseloadQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin, Roles.Therapist);
        if (caller.Is(Roles.Therapist) && query.TherapistId is { } other && other != caller.SubjectGuid)
        {
            throw new ForbiddenException("A therapist may only read their own caseload.");
        }

        var asOf = WireFormats.InstantOr(query.AsOf, clock.GetCurrentInstant());
        var clients = access.VisibleClients();
        if (query.TherapistId is { } therapistId)
        {
            clients = clients.Where(c => c.PrimaryTherapistId == therapistId);
        }

        var activePlans = await reader.PlansAsync(
            access.VisiblePlans().Where(p => p.Status == PlanStatus.Active && clients.Any(c => c.Id == p.ClientId)),
            cancellationToken);

        // Several active plans: the latest started one is the current one.
        var current = activePlans
            .GroupBy(p => p.Plan.ClientId)
            .Select(g => g.OrderByDescending(p => p.Plan.StartDate).ThenByDescending(p => p.Plan.Id).First())
            .ToList();
        var triages = await reader.TriageAsync(
            current.ConvertAll(p => new AdherenceRequest(p.Plan, p.Zone)),
            asOf,
            audit.Reads("adherence.caseload", "plan", current.ConvertAll(p => (p.Plan.Id, p.Plan.ClientId))),
            cancellationToken);

        var rows = new List<CaseloadRow>(current.Count);
        for (var index = 0; index < current.Count; index++)
        {
            var plan = current[index].Plan;
            var triage = triages[index];
            var nextSessionAt = activePlans
                .Where(p => p.Plan.ClientId == plan.ClientId && p.Plan.NextSessionAt >= asOf)
                .Select(p => p.Plan.NextSessionAt)
                .Min();
            rows.Add(new CaseloadRow(
                plan.ClientId,
                current[index].ClientDisplayName,
                plan.Id,
                triage.AdherenceRate,
                triage.Pdc,
                triage.CurrentStreak,
                triage.DaysSinceLastCompletion,
                triage.Flags,
                nextSessionAt));
        }

        // Most flags first; then no rate (nothing measurable yet) before the lowest rates; then by name.
        var ordered = rows
            .OrderByDescending(r => r.Flags.Count)
            .ThenBy(r => r.AdherenceRate.HasValue)
            .ThenBy(r => r.AdherenceRate ?? 0)
            .ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .ThenBy(r => r.ClientId)
            .ToList();
        return ordered;
    }
}
