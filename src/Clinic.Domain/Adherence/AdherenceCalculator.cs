using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// Computes a plan's adherence summary exactly as ADHERENCE.md (definitionsVersion "2026-12"; every figure of a
/// plan summary is as 2026-11 defined it) defines it.
/// Pure: no clock, no I/O; the same inputs and asOf always give the same summary, because anything recorded
/// after asOf (completions, pauses) is ignored.
/// </summary>
public static class AdherenceCalculator
{
    public const string DefinitionsVersion = "2026-12";

    /// <summary>
    /// The summary window (ADHERENCE.md, "Window"): from the later of the plan's start and the requested start,
    /// to the earlier of the plan's end and yesterday (today is in progress). Empty when To is before From.
    /// </summary>
    public static SummaryWindow WindowOf(AdherencePlan plan, Instant asOf, LocalDate? requestedFrom)
    {
        var today = asOf.InZone(plan.TimeZone).Date;
        var from = LocalDate.Max(plan.StartDate, requestedFrom ?? plan.StartDate);
        var to = LocalDate.Min(plan.EndDate, today.PlusDays(-1));
        return new SummaryWindow(from, to, to < from ? 0 : Period.DaysBetween(from, to) + 1);
    }

    /// <param name="plan">The plan with its assignments, pauses and the client's time zone.</param>
    /// <param name="completions">Completions of the plan; any of another plan's assignment is ignored.</param>
    /// <param name="skips">Skip reports of the plan.</param>
    /// <param name="asOf">The instant the summary describes; its local date is today, which is still in progress.</param>
    /// <param name="requestedFrom">A later start for the window than the plan's start date.</param>
    /// <param name="lastCompletedBeforeLoadedRange">
    /// The latest completion older than the completions passed in, so callers may load only the window's
    /// completions and still report when the client last practised.
    /// </param>
    /// <param name="withRelief">False when the caller reads no relief or moments (a caseload's triage), which are then empty.</param>
    public static AdherenceSummary Calculate(
        AdherencePlan plan,
        IReadOnlyList<CompletionFact> completions,
        IReadOnlyCollection<SkipFact> skips,
        Instant asOf,
        LocalDate? requestedFrom = null,
        Instant? lastCompletedBeforeLoadedRange = null,
        bool withRelief = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(skips);

        var facts = AdherenceFacts.Gather(plan, completions, asOf, requestedFrom);

        var assignments = new List<AssignmentSummary>(plan.Assignments.Count);
        int expected = 0, credited = 0, extra = 0;
        for (var index = 0; index < plan.Assignments.Count; index++)
        {
            var assignment = plan.Assignments[index];
            if (!assignment.Schedule.IsScheduled)
            {
                assignments.Add(AsNeededUses(facts, assignment, completions));
                continue;
            }

            var tally = AssignmentCredit.Tally(facts, index);

            // Extra is whatever in the window was not credited, so credited + extra accounts for every completion.
            var assignmentExtra = facts.InWindowCountByAssignment[index] - tally.CreditedInWindow;
            expected += tally.Expected;
            credited += tally.Credited;
            extra += assignmentExtra;
            assignments.Add(new AssignmentSummary(
                assignment.AssignmentId,
                assignment.ExerciseKey,
                assignment.Title,
                assignment.Schedule,
                tally.Expected,
                tally.Credited,
                assignmentExtra,
                Rate(tally.Credited, tally.Expected),
                facts.LatestCompletedAtByAssignment[index],
                tally.OnTime,
                Uses: null));
        }

        var dueDays = DueDays.Count(facts);
        var reflections = CompletionQuality.NewestSharedReflections(facts);
        var trend = AdherenceTrend.Calculate(facts);
        var lastCompletedAt = LastCompletedAt(facts, lastCompletedBeforeLoadedRange);
        var relief = withRelief
            ? ReliefRules.Summarize(ReliefRules.Counted(plan, completions, asOf, requestedFrom), plan.TimeZone)
            : ReliefSummary.None;

        return new AdherenceSummary(
            PlanId: plan.PlanId,
            ClientId: plan.ClientId,
            TimeZone: plan.TimeZone.Id,
            AsOf: asOf,
            DefinitionsVersion: DefinitionsVersion,
            Window: new SummaryWindow(facts.Window.From, facts.Window.To, facts.Window.Days),
            Expected: expected,
            Credited: credited,
            Extra: extra,
            AdherenceRate: Rate(credited, expected),
            DueDays: dueDays.DueDays,
            PracticedDueDays: dueDays.PracticedDueDays,
            Pdc: Rate(dueDays.PracticedDueDays, dueDays.DueDays),
            CurrentStreak: dueDays.CurrentStreak,
            LongestStreak: dueDays.LongestStreak,
            LastCompletedAt: lastCompletedAt,
            DaysSinceLastCompletion: lastCompletedAt is { } last
                ? Period.Between(last.InZone(plan.TimeZone).Date, facts.Today, PeriodUnits.Days).Days
                : null,
            Quality: CompletionQuality.Summarize(facts.CompletionsInWindow),
            Skips: CompletionQuality.CountSkips(facts, skips),
            ReflectionsShared: reflections,
            Trend: trend,
            Today: TodayProgressRules.ForToday(facts),
            Assignments: assignments,
            Flags: AdherenceFlagRules.Evaluate(facts, expected, credited, trend, reflections.Count),
            Relief: relief.Relief,
            Moments: relief.Moments);
    }

    /// <summary>
    /// An as-needed assignment's row: nothing expected, credited or extra; <c>uses</c> counts its completions with local
    /// date in the window, and lastCompletedAt is its latest one at or before asOf (ADHERENCE.md, "As-needed practice").
    /// </summary>
    private static AssignmentSummary AsNeededUses(AdherenceFacts facts, AdherenceAssignment assignment, IReadOnlyList<CompletionFact> completions)
    {
        var uses = 0;
        Instant? latest = null;
        foreach (var completion in completions)
        {
            if (completion.AssignmentId != assignment.AssignmentId || completion.CompletedAt > facts.AsOf)
            {
                continue;
            }

            if (facts.Window.Contains(completion.CompletedAt.InZone(facts.Plan.TimeZone).Date))
            {
                uses++;
            }

            if (latest is null || completion.CompletedAt > latest.Value)
            {
                latest = completion.CompletedAt;
            }
        }

        return new AssignmentSummary(
            assignment.AssignmentId, assignment.ExerciseKey, assignment.Title, assignment.Schedule, 0, 0, 0, null, latest, OnTime: null, Uses: uses);
    }

    /// <summary>No tasks is not 0 %: the rate is null when nothing was expected.</summary>
    private static double? Rate(int numerator, int denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;

    /// <summary>The latest completion at or before asOf, including one older than the completions that were loaded.</summary>
    private static Instant? LastCompletedAt(AdherenceFacts facts, Instant? lastCompletedBeforeLoadedRange)
    {
        Instant? latest = lastCompletedBeforeLoadedRange <= facts.AsOf ? lastCompletedBeforeLoadedRange : null;
        foreach (var latestOfAssignment in facts.LatestCompletedAtByAssignment)
        {
            if (latestOfAssignment is { } candidate && (latest is null || candidate > latest.Value))
            {
                latest = candidate;
            }
        }

        return latest;
    }
}
