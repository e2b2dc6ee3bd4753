using Clinic.Domain.Adherence;
using Clinic.Domain.Clients;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Adherence;

/// <summary>One plan to summarise: the plan as loaded, its client's zone and the requested window start.</summary>
public sealed record AdherenceRequest(HomeworkPlan Plan, DateTimeZone Zone, LocalDate? RequestedFrom = null);

/// <summary>
/// Turns plans into adherence calculator inputs with a constant number of queries, whether for one plan or a
/// whole caseload: plans (with assignments and pauses) one query, clients one query, completions one query
/// (with the latest completion before the loaded range folded in), skip reports one query.
/// Completions are read only from the earliest local date the summary needs, never the whole history.
/// </summary>
public sealed class AdherenceReader(ClinicDbContext db)
{
    /// <summary>
    /// The plans of a query with their assignments and pauses, untracked, in one query: a plan has at most 20
    /// assignments and a few pauses, so the joined rows stay few.
    /// </summary>
    public Task<List<HomeworkPlan>> PlansAsync(IQueryable<HomeworkPlan> plans, CancellationToken cancellationToken) =>
        plans.AsNoTracking().Include(p => p.Assignments).AsSingleQuery().ToListAsync(cancellationToken);

    /// <summary>The clients of the given ids, by id (one query).</summary>
    public async Task<Dictionary<Guid, Client>> ClientsAsync(IEnumerable<Guid> clientIds, CancellationToken cancellationToken)
    {
        var ids = clientIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        return await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    /// <summary>Summaries of the requested plans as of <paramref name="asOf"/>, in request order (two queries).</summary>
    public async Task<IReadOnlyList<AdherenceSummary>> SummarizeAsync(IReadOnlyList<AdherenceRequest> requests, Instant asOf, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var inputs = requests.Select(r => new PlanInput(r, ToCalculatorPlan(r.Plan, r.Zone), r.RequestedFrom)).ToList();
        var completions = await CompletionsAsync(inputs, asOf, cancellationToken);
        var skips = await SkipsAsync(inputs, asOf, cancellationToken);

        return inputs.ConvertAll(input =>
        {
            var planId = input.Plan.PlanId;
            var loaded = completions.GetValueOrDefault(planId);
            return AdherenceCalculator.Calculate(
                input.Plan,
                loaded?.Completions ?? [],
                skips.GetValueOrDefault(planId) ?? [],
                asOf,
                input.RequestedFrom,
                loaded?.LastBefore);
        });
    }

    /// <summary>The plan as the calculator sees it; assignments in a stable order (by id, as the plan API lists them).</summary>
    public static AdherencePlan ToCalculatorPlan(HomeworkPlan plan, DateTimeZone zone) => new(
        plan.Id,
        plan.ClientId,
        zone,
        plan.StartDate,
        plan.EndDate,
        [.. plan.Assignments.OrderBy(a => a.Id).Select(a => new AdherenceAssignment(a.Id, a.ExerciseKey, a.Title, a.Schedule, a.EffectiveStart(plan), a.EffectiveEnd(plan)))],
        [.. plan.Pauses]);

    /// <summary>
    /// The earliest local date whose completions can change the summary. The window's start, and before it:
    /// the start of a once assignment due from the window on (any earlier completion credits it), the
    /// inactive look-back (<c>[to-2, today]</c>, which may reach before a narrowed window), and the start of
    /// a weekly assignment's period in progress today.
    /// </summary>
    public static LocalDate EarliestDateNeeded(AdherencePlan plan, Instant asOf, LocalDate? requestedFrom)
    {
        var today = asOf.InZone(plan.TimeZone).Date;
        var (from, to, days) = AdherenceCalculator.WindowOf(plan, asOf, requestedFrom);
        var earliest = from;
        if (days > 0)
        {
            earliest = LocalDate.Min(earliest, to.PlusDays(-2));
        }

        foreach (var assignment in plan.Assignments)
        {
            var schedule = assignment.Schedule;
            if (schedule.Kind == ScheduleKind.Once && schedule.DueDate >= from && schedule.DueDate <= today)
            {
                earliest = LocalDate.Min(earliest, assignment.StartDate);
            }
            else if (schedule.Kind == ScheduleKind.Weekly && today >= assignment.StartDate && today <= assignment.EndDate)
            {
                var periodStart = assignment.StartDate.PlusDays(Period.DaysBetween(assignment.StartDate, today) / 7 * 7);
                earliest = LocalDate.Min(earliest, periodStart);
            }
        }

        return earliest;
    }

    /// <summary>
    /// Completions from each plan's earliest needed date up to asOf, and per plan the latest completion before
    /// that range, in one round trip: one row per completion, or one row without a completion for a plan with none.
    /// </summary>
    private async Task<Dictionary<Guid, LoadedCompletions>> CompletionsAsync(List<PlanInput> inputs, Instant asOf, CancellationToken cancellationToken)
    {
        var planIds = inputs.Select(i => i.Plan.PlanId).ToArray();
        var loadedStarts = inputs
            .Select(i => i.Plan.TimeZone.AtStartOfDay(EarliestDateNeeded(i.Plan, asOf, i.RequestedFrom)).ToInstant())
            .ToArray();

        var rows = await db.Database.SqlQuery<CompletionRow>($"""
            SELECT w.plan_id, lb.last_before,
                   c.id AS completion_id, c.assignment_id, c.completed_at, c.received_at, c.duration_minutes,
                   c.distress_before, c.distress_after, c.helpfulness, c.reflection, c.share_with_therapist
            FROM unnest({planIds}, {loadedStarts}) AS w(plan_id, loaded_start)
            CROSS JOIN LATERAL (
                SELECT max(x.completed_at) AS last_before
                FROM completions x
                WHERE x.plan_id = w.plan_id AND x.completed_at < w.loaded_start AND x.completed_at <= {asOf}
            ) AS lb
            LEFT JOIN completions c
                ON c.plan_id = w.plan_id AND c.completed_at >= w.loaded_start AND c.completed_at <= {asOf}
            """).ToListAsync(cancellationToken);

        var byPlan = new Dictionary<Guid, LoadedCompletions>(planIds.Length);
        foreach (var row in rows)
        {
            if (!byPlan.TryGetValue(row.PlanId, out var loaded))
            {
                loaded = new LoadedCompletions(row.LastBefore, []);
                byPlan.Add(row.PlanId, loaded);
            }

            if (row.CompletionId is { } id)
            {
                loaded.Completions.Add(new CompletionFact(
                    id,
                    row.AssignmentId!.Value,
                    row.CompletedAt!.Value,
                    row.ReceivedAt!.Value,
                    row.DurationMinutes,
                    row.DistressBefore,
                    row.DistressAfter,
                    row.Helpfulness,
                    row.Reflection,
                    row.ShareWithTherapist ?? false));
            }
        }

        return byPlan;
    }

    /// <summary>Skip reports dated inside each plan's window (one query; plans with an empty window are left out).</summary>
    private async Task<Dictionary<Guid, List<SkipFact>>> SkipsAsync(List<PlanInput> inputs, Instant asOf, CancellationToken cancellationToken)
    {
        var windows = inputs
            .Select(i => (i.Plan.PlanId, Window: AdherenceCalculator.WindowOf(i.Plan, asOf, i.RequestedFrom)))
            .Where(w => w.Window.Days > 0)
            .Select(w => (w.PlanId, w.Window.From, w.Window.To))
            .ToList();
        if (windows.Count == 0)
        {
            return [];
        }

        var planIds = windows.Select(w => w.PlanId).ToArray();
        var froms = windows.Select(w => w.From).ToArray();
        var tos = windows.Select(w => w.To).ToArray();
        var skips = await db.SkipReports
            .FromSql($"""
                SELECT s.*
                FROM skip_reports s
                JOIN unnest({planIds}, {froms}, {tos}) AS w(plan_id, first_day, last_day)
                    ON s.plan_id = w.plan_id AND s.date >= w.first_day AND s.date <= w.last_day
                """)
            .AsNoTracking()
            .Select(s => new { s.PlanId, s.AssignmentId, s.Date, s.Reason })
            .ToListAsync(cancellationToken);

        return skips
            .GroupBy(s => s.PlanId)
            .ToDictionary(g => g.Key, g => g.Select(s => new SkipFact(s.AssignmentId, s.Date, s.Reason)).ToList());
    }

    private sealed record PlanInput(AdherenceRequest Request, AdherencePlan Plan, LocalDate? RequestedFrom);

    private sealed record LoadedCompletions(Instant? LastBefore, List<CompletionFact> Completions);

    /// <summary>
    /// One row of the completions query (columns in snake_case, as the naming convention maps them); the completion
    /// columns are null for a plan without completions in range.
    /// </summary>
    private sealed record CompletionRow(
        Guid PlanId,
        Instant? LastBefore,
        Guid? CompletionId,
        Guid? AssignmentId,
        Instant? CompletedAt,
        Instant? ReceivedAt,
        int? DurationMinutes,
        int? DistressBefore,
        int? DistressAfter,
        int? Helpfulness,
        string? Reflection,
        bool? ShareWithTherapist);
}
