using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// A completion that counts for the summary, with its local date and the index of its assignment in the plan. It
/// points into the caller's list rather than copying the completion.
/// </summary>
internal readonly record struct LocatedCompletion(IReadOnlyList<CompletionFact> Source, int SourceIndex, int AssignmentIndex, LocalDate LocalDate)
{
    public CompletionFact Fact => Source[SourceIndex];
}

/// <summary>
/// Everything the adherence rules read, gathered once: today, the window, paused days, and the completions
/// (known assignment, at or before asOf) counted by (assignment, local date) so that no rule rescans them per day.
/// </summary>
/// <remarks>
/// The counts are dense arrays over the days from the earliest to the latest counted completion, one row per
/// assignment: a summary reads every day of its window, and a plan's completions cover a few months, so arrays
/// are smaller and cheaper to build than per-date dictionaries. A caseload builds forty of these per request.
/// </remarks>
internal sealed class AdherenceFacts
{
    private readonly LocalDate firstCountedDate;
    private readonly int countedDays;
    private readonly int[] countByAssignmentAndDay;
    private readonly int[] countByDay;

    private AdherenceFacts(
        AdherencePlan plan,
        Instant asOf,
        LocalDate today,
        DateWindow window,
        PauseCalendar pauses,
        List<LocatedCompletion> completions,
        LocalDate firstCountedDate,
        LocalDate lastCountedDate)
    {
        Plan = plan;
        AsOf = asOf;
        Today = today;
        Window = window;
        Pauses = pauses;
        Completions = completions;
        this.firstCountedDate = firstCountedDate;
        countedDays = completions.Count == 0 ? 0 : Period.DaysBetween(firstCountedDate, lastCountedDate) + 1;
        countByAssignmentAndDay = new int[plan.Assignments.Count * countedDays];
        countByDay = new int[countedDays];
        InWindowCountByAssignment = new int[plan.Assignments.Count];
        LatestCompletedAtByAssignment = new Instant?[plan.Assignments.Count];

        var inWindow = 0;
        foreach (var completion in completions)
        {
            var index = completion.AssignmentIndex;
            var day = Period.DaysBetween(firstCountedDate, completion.LocalDate);
            countByAssignmentAndDay[(index * countedDays) + day]++;
            countByDay[day]++;

            var completedAt = completion.Fact.CompletedAt;
            if (LatestCompletedAtByAssignment[index] is not { } latest || completedAt > latest)
            {
                LatestCompletedAtByAssignment[index] = completedAt;
            }

            if (window.Contains(completion.LocalDate))
            {
                InWindowCountByAssignment[index]++;
                inWindow++;
            }
        }

        CompletionsInWindow = new List<LocatedCompletion>(inWindow);
        foreach (var completion in completions)
        {
            if (window.Contains(completion.LocalDate))
            {
                CompletionsInWindow.Add(completion);
            }
        }
    }

    public AdherencePlan Plan { get; }

    public IReadOnlyList<AdherenceAssignment> Assignments => Plan.Assignments;

    public Instant AsOf { get; }

    public LocalDate Today { get; }

    public DateWindow Window { get; }

    public PauseCalendar Pauses { get; }

    /// <summary>All counted completions, at any local date up to today.</summary>
    public List<LocatedCompletion> Completions { get; }

    public List<LocatedCompletion> CompletionsInWindow { get; }

    public int[] InWindowCountByAssignment { get; }

    public Instant?[] LatestCompletedAtByAssignment { get; }

    public static AdherenceFacts Gather(
        AdherencePlan plan,
        IReadOnlyList<CompletionFact> completions,
        Instant asOf,
        LocalDate? requestedFrom)
    {
        var zone = plan.TimeZone;
        var today = asOf.InZone(zone).Date;
        var window = AdherenceCalculator.WindowOf(plan, asOf, requestedFrom);

        // Only scheduled practice counts in the figures of 2026-11: uses of an as-needed assignment are left out
        // like completions of another plan (ADHERENCE.md, "As-needed practice").
        var assignmentIndexById = new Dictionary<Guid, int>(plan.Assignments.Count);
        for (var index = 0; index < plan.Assignments.Count; index++)
        {
            if (plan.Assignments[index].Schedule.IsScheduled)
            {
                assignmentIndexById.TryAdd(plan.Assignments[index].AssignmentId, index);
            }
        }

        var located = new List<LocatedCompletion>(completions.Count);
        LocalDate first = default, last = default;
        for (var sourceIndex = 0; sourceIndex < completions.Count; sourceIndex++)
        {
            var completion = completions[sourceIndex];

            // Completions after asOf did not exist yet; completions of another plan's assignment are not ours.
            if (completion.CompletedAt > asOf || !assignmentIndexById.TryGetValue(completion.AssignmentId, out var assignmentIndex))
            {
                continue;
            }

            var localDate = completion.CompletedAt.InZone(zone).Date;
            if (located.Count == 0 || localDate < first)
            {
                first = localDate;
            }

            if (located.Count == 0 || localDate > last)
            {
                last = localDate;
            }

            located.Add(new LocatedCompletion(completions, sourceIndex, assignmentIndex, localDate));
        }

        return new AdherenceFacts(plan, asOf, today, new DateWindow(window.From, window.To), new PauseCalendar(plan.Pauses, zone, asOf), located, first, last);
    }

    public int CountOn(int assignmentIndex, LocalDate date)
    {
        var day = DayOf(date);
        return day < 0 ? 0 : countByAssignmentAndDay[(assignmentIndex * countedDays) + day];
    }

    public int CountOnAnyAssignment(LocalDate date)
    {
        var day = DayOf(date);
        return day < 0 ? 0 : countByDay[day];
    }

    /// <summary>Completions of one assignment with local date in [first, last].</summary>
    public int CountBetween(int assignmentIndex, LocalDate first, LocalDate last)
    {
        var count = 0;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            count += CountOn(assignmentIndex, date);
        }

        return count;
    }

    /// <summary>The day's position in the count arrays, or -1 outside the days from the first to the last counted completion.</summary>
    private int DayOf(LocalDate date)
    {
        if (countedDays == 0 || date < firstCountedDate)
        {
            return -1;
        }

        var day = Period.DaysBetween(firstCountedDate, date);
        return day < countedDays ? day : -1;
    }
}
