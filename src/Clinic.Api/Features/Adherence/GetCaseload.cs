using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Alerts;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Adherence;

/// <summary>
/// Triage of a caseload: one row per client with an active plan or an open safety alert, those who need attention
/// first. A therapist sees their own clients; an admin the practice, optionally one therapist's.
/// </summary>
public sealed record GetCaseloadQuery(string? AsOf, Guid? TherapistId) : IQuery<IReadOnlyList<CaseloadRow>>;

/// <summary>
/// A client's row: their open safety alerts (and how many wait for an acknowledgement), and the triage figures of
/// their current plan (the latest started active one). A client with an open alert and no active plan has a row too,
/// with no plan and no figures.
/// </summary>
public sealed record CaseloadRow(
    Guid ClientId,
    string DisplayName,
    int OpenAlerts,
    int UnacknowledgedAlerts,
    Guid? PlanId,
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

public sealed class GetCaseloadHandler(ClinicDbContext db, Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
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

        // One query: the clients with an active plan or an open alert, their alert counts and their active plans
        // (with assignments and pauses). The summaries then take one batch (AdherenceReader): two round trips in all.
        var activePlans = access.VisiblePlans().Where(p => p.Status == PlanStatus.Active);
        var openAlerts = db.SafetyAlerts.Where(a => a.Status == AlertStatus.Open);
        var loaded = await clients.AsNoTracking()
            .Where(c => activePlans.Any(p => p.ClientId == c.Id) || openAlerts.Any(a => a.ClientId == c.Id))
            .Select(c => new CaseloadClient(
                c.Id,
                c.DisplayName,
                c.TimeZone,
                openAlerts.Count(a => a.ClientId == c.Id),
                openAlerts.Count(a => a.ClientId == c.Id && a.AcknowledgedTriggers != a.TriggerCount),
                activePlans.Where(p => p.ClientId == c.Id).Include(p => p.Assignments).ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        // Several active plans: the latest started one is the current one.
        var current = loaded
            .Where(c => c.ActivePlans.Count > 0)
            .Select(c => (Client: c, Plan: c.ActivePlans.OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id).First()))
            .ToList();
        var triages = await reader.TriageAsync(
            current.ConvertAll(c => new AdherenceRequest(c.Plan, c.Client.Zone)),
            asOf,
            audit.Reads("adherence.caseload", "client", loaded.ConvertAll(c => (c.Id, c.Id))),
            cancellationToken);
        var triageOf = current.Select((c, index) => (c.Client.Id, Triage: triages[index])).ToDictionary(t => t.Id, t => t.Triage);

        var rows = loaded.ConvertAll(c =>
        {
            var plan = current.Find(p => p.Client.Id == c.Id).Plan;
            var triage = triageOf.GetValueOrDefault(c.Id);
            var nextSessionAt = c.ActivePlans.Where(p => p.NextSessionAt >= asOf).Select(p => p.NextSessionAt).Min();
            return new CaseloadRow(
                c.Id,
                c.DisplayName,
                c.OpenAlerts,
                c.UnacknowledgedAlerts,
                plan?.Id,
                triage?.AdherenceRate,
                triage?.Pdc,
                triage?.CurrentStreak ?? 0,
                triage?.DaysSinceLastCompletion,
                triage?.Flags ?? [],
                nextSessionAt);
        });

        // Open safety alerts first (those waiting for an acknowledgement before those acknowledged); then most flags;
        // then no rate (nothing measurable yet) before the lowest rates; then by name.
        var ordered = rows
            .OrderByDescending(r => r.UnacknowledgedAlerts)
            .ThenByDescending(r => r.OpenAlerts)
            .ThenByDescending(r => r.Flags.Count)
            .ThenBy(r => r.AdherenceRate.HasValue)
            .ThenBy(r => r.AdherenceRate ?? 0)
            .ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .ThenBy(r => r.ClientId)
            .ToList();
        return ordered;
    }

    private sealed record CaseloadClient(Guid Id, string DisplayName, string TimeZone, int OpenAlerts, int UnacknowledgedAlerts, List<HomeworkPlan> ActivePlans)
    {
        public DateTimeZone Zone => Domain.Common.TimeZones.Get(TimeZone);
    }
}
