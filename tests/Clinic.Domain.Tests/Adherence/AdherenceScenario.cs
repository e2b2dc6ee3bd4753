using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>
/// Builds a plan, its completions, pauses and skips in the client's local time, so that each test states
/// its situation in the words ADHERENCE.md uses (local dates, local times) and computes the summary as of a moment.
/// </summary>
internal sealed class AdherenceScenario
{
    private static readonly LocalTime DefaultPracticeTime = new(9, 0);

    private readonly List<AdherenceAssignment> assignments = [];
    private readonly List<PlanPause> pauses = [];
    private readonly List<CompletionFact> completions = [];
    private readonly List<SkipFact> skips = [];
    private int nextId;

    public AdherenceScenario(string timeZoneId, LocalDate startDate, LocalDate endDate)
    {
        Zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        StartDate = startDate;
        EndDate = endDate;
        PlanId = NextGuid();
        ClientId = NextGuid();
    }

    public DateTimeZone Zone { get; }

    public LocalDate StartDate { get; }

    public LocalDate EndDate { get; }

    public Guid PlanId { get; }

    public Guid ClientId { get; }

    public IReadOnlyList<CompletionFact> Completions => completions;

    public AdherencePlan Plan => new(PlanId, ClientId, Zone, StartDate, EndDate, assignments.ToList(), pauses.ToList());

    public AdherenceAssignment Daily(int timesPerDay, IsoDayOfWeek[]? daysOfWeek = null, LocalDate? startDate = null, LocalDate? endDate = null) =>
        AddAssignment("daily", Schedule.Daily(timesPerDay, daysOfWeek), startDate, endDate);

    public AdherenceAssignment Weekly(int timesPerWeek, LocalDate? startDate = null, LocalDate? endDate = null) =>
        AddAssignment("weekly", Schedule.Weekly(timesPerWeek), startDate, endDate);

    public AdherenceAssignment Once(LocalDate dueDate) => AddAssignment("once", Schedule.Once(dueDate), null, null);

    public AdherenceAssignment AsNeeded(LocalDate? startDate = null, LocalDate? endDate = null) => AddAssignment("as-needed", Schedule.AsNeeded(), startDate, endDate);

    /// <summary>Logs a practice at a local date and time (09:00 unless given), received right away.</summary>
    public CompletionFact Complete(
        AdherenceAssignment assignment,
        LocalDate date,
        LocalTime? time = null,
        Func<CompletionFact, CompletionFact>? details = null) =>
        CompleteAt(assignment, Local(date, time ?? DefaultPracticeTime), details);

    public CompletionFact CompleteAt(AdherenceAssignment assignment, Instant completedAt, Func<CompletionFact, CompletionFact>? details = null)
    {
        var completion = new CompletionFact(
            CompletionId: NextGuid(),
            AssignmentId: assignment.AssignmentId,
            CompletedAt: completedAt,
            ReceivedAt: completedAt,
            DurationMinutes: null,
            DistressBefore: null,
            DistressAfter: null,
            Helpfulness: null,
            Reflection: null,
            ShareWithTherapist: false);
        completion = details?.Invoke(completion) ?? completion;
        completions.Add(completion);
        return completion;
    }

    /// <summary>Practises every day from <paramref name="first"/> through <paramref name="last"/>, <paramref name="times"/> times a day.</summary>
    public void CompleteEveryDay(AdherenceAssignment assignment, LocalDate first, LocalDate last, int times = 1)
    {
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            for (var i = 0; i < times; i++)
            {
                Complete(assignment, date, DefaultPracticeTime.PlusMinutes(i));
            }
        }
    }

    public void Pause(LocalDateTime pausedAt, LocalDateTime? resumedAt) =>
        pauses.Add(new PlanPause(Local(pausedAt), resumedAt is { } resumed ? Local(resumed) : null));

    public void Skip(AdherenceAssignment assignment, LocalDate date, SkipReason reason) =>
        skips.Add(new SkipFact(assignment.AssignmentId, date, reason));

    public void SkipForAnotherPlan(LocalDate date, SkipReason reason) => skips.Add(new SkipFact(NextGuid(), date, reason));

    public Instant Local(LocalDate date, LocalTime time) => Local(date.At(time));

    public Instant Local(LocalDateTime localDateTime) => Zone.AtLeniently(localDateTime).ToInstant();

    /// <summary>The summary as of a local moment (by default 12:00 on <paramref name="today"/>).</summary>
    public AdherenceSummary SummaryOn(LocalDate today, LocalTime? time = null, LocalDate? requestedFrom = null, Instant? lastCompletedBeforeLoadedRange = null) =>
        SummaryAt(Local(today, time ?? new LocalTime(12, 0)), requestedFrom, lastCompletedBeforeLoadedRange);

    public AdherenceSummary SummaryAt(Instant asOf, LocalDate? requestedFrom = null, Instant? lastCompletedBeforeLoadedRange = null) =>
        AdherenceCalculator.Calculate(Plan, completions.ToList(), skips.ToList(), asOf, requestedFrom, lastCompletedBeforeLoadedRange);

    private AdherenceAssignment AddAssignment(string kind, Schedule schedule, LocalDate? startDate, LocalDate? endDate)
    {
        var number = assignments.Count + 1;
        var assignment = new AdherenceAssignment(
            NextGuid(),
            $"{kind}-exercise-{number}",
            $"{kind} exercise {number}",
            schedule,
            startDate ?? StartDate,
            endDate ?? EndDate);
        assignments.Add(assignment);
        return assignment;
    }

    private Guid NextGuid() => new($"00000000-0000-0000-0000-{++nextId:D12}");
}

internal static class Dates
{
    public static LocalDate D(int year, int month, int day) => new(year, month, day);

    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
}
