using System.Runtime.InteropServices;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>A completion that counts for the summary, with its local date and the index of its assignment in the plan.</summary>
internal readonly record struct LocatedCompletion(CompletionFact Fact, int AssignmentIndex, LocalDate LocalDate);

/// <summary>
/// Everything the adherence rules read, gathered once: today, the window, paused days, and the completions
/// (known assignment, at or before asOf) indexed by (assignment, local date) so that no rule rescans them per day.
/// </summary>
internal sealed class AdherenceFacts
{
    private readonly Dictionary<LocalDate, int>[] countByDateForAssignment;
    private readonly Dictionary<LocalDate, int> countByDate;

    private AdherenceFacts(AdherencePlan plan, Instant asOf, LocalDate today, DateWindow window, PauseCalendar pauses, int completionCount)
    {
        Plan = plan;
        AsOf = asOf;
        Today = today;
        Window = window;
        Pauses = pauses;
        Completions = new List<LocatedCompletion>(completionCount);
        countByDate = new Dictionary<LocalDate, int>(completionCount);
        countByDateForAssignment = new Dictionary<LocalDate, int>[plan.Assignments.Count];
        for (var index = 0; index < countByDateForAssignment.Length; index++)
        {
            countByDateForAssignment[index] = [];
        }

        InWindowCountByAssignment = new int[plan.Assignments.Count];
        LatestCompletedAtByAssignment = new Instant?[plan.Assignments.Count];
    }

    public AdherencePlan Plan { get; }

    public IReadOnlyList<AdherenceAssignment> Assignments => Plan.Assignments;

    public Instant AsOf { get; }

    public LocalDate Today { get; }

    public DateWindow Window { get; }

    public PauseCalendar Pauses { get; }

    /// <summary>All counted completions, at any local date up to today.</summary>
    public List<LocatedCompletion> Completions { get; }

    public List<LocatedCompletion> CompletionsInWindow { get; } = [];

    public int[] InWindowCountByAssignment { get; }

    public Instant?[] LatestCompletedAtByAssignment { get; }

    public static AdherenceFacts Gather(
        AdherencePlan plan,
        IReadOnlyCollection<CompletionFact> completions,
        Instant asOf,
        LocalDate? requestedFrom)
    {
        var zone = plan.TimeZone;
        var today = asOf.InZone(zone).Date;
        var window = AdherenceCalculator.WindowOf(plan, asOf, requestedFrom);
        var facts = new AdherenceFacts(plan, asOf, today, new DateWindow(window.From, window.To), new PauseCalendar(plan.Pauses, zone, asOf), completions.Count);

        var assignmentIndexById = new Dictionary<Guid, int>(plan.Assignments.Count);
        for (var index = 0; index < plan.Assignments.Count; index++)
        {
            assignmentIndexById.TryAdd(plan.Assignments[index].AssignmentId, index);
        }

        foreach (var completion in completions)
        {
            // Completions after asOf did not exist yet; completions of another plan's assignment are not ours.
            if (completion.CompletedAt > asOf || !assignmentIndexById.TryGetValue(completion.AssignmentId, out var assignmentIndex))
            {
                continue;
            }

            facts.Add(new LocatedCompletion(completion, assignmentIndex, completion.CompletedAt.InZone(zone).Date));
        }

        return facts;
    }

    public int CountOn(int assignmentIndex, LocalDate date) =>
        countByDateForAssignment[assignmentIndex].GetValueOrDefault(date);

    public int CountOnAnyAssignment(LocalDate date) => countByDate.GetValueOrDefault(date);

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

    private void Add(LocatedCompletion completion)
    {
        Completions.Add(completion);
        var index = completion.AssignmentIndex;
        var date = completion.LocalDate;
        CollectionsMarshal.GetValueRefOrAddDefault(countByDateForAssignment[index], date, out _)++;
        CollectionsMarshal.GetValueRefOrAddDefault(countByDate, date, out _)++;

        var completedAt = completion.Fact.CompletedAt;
        if (LatestCompletedAtByAssignment[index] is not { } latest || completedAt > latest)
        {
            LatestCompletedAtByAssignment[index] = completedAt;
        }

        if (Window.Contains(completion.LocalDate))
        {
            CompletionsInWindow.Add(completion);
            InWindowCountByAssignment[index]++;
        }
    }
}
