using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// What a plan makes due on each local day, by the rules the summaries use (ADHERENCE.md, "Window" and "Schedules
/// and credit"), for the views that go day by day: the timeline and the reminders. Pauses count as known at asOf,
/// so a pause still open at asOf makes every later day paused.
/// </summary>
public sealed class PlanDays
{
    private readonly PauseCalendar pauses;

    public PlanDays(AdherencePlan plan, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        pauses = new PauseCalendar(plan.Pauses, plan.TimeZone, asOf);
    }

    public AdherencePlan Plan { get; }

    public bool IsPaused(LocalDate date) => pauses.IsPaused(date);

    /// <summary>
    /// How many practices of the assignment fall due on the day: n on a day a daily assignment is due, 1 on the
    /// due date of a once assignment that is not paused, and 0 otherwise. Weekly assignments are due per 7-day
    /// period, never per day: they are 0 here (see <see cref="WeeklyPeriodOn"/>).
    /// </summary>
    public int ExpectedOn(AdherenceAssignment assignment, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var schedule = assignment.Schedule;
        return schedule.Kind switch
        {
            ScheduleKind.Daily => AssignmentCredit.IsDailyDueOn(assignment, date, pauses) ? schedule.TimesPerDay : 0,
            ScheduleKind.Once => schedule.DueDate == date && !pauses.IsPaused(date) ? 1 : 0,
            _ => 0,
        };
    }

    /// <summary>
    /// The weekly period holding the day (anchored on the assignment's start, cut at its end), when a weekly
    /// assignment runs that day and the day is not paused, as the agenda shows it; null otherwise.
    /// </summary>
    public DateInterval? WeeklyPeriodOn(AdherenceAssignment assignment, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (assignment.Schedule.Kind != ScheduleKind.Weekly || date < assignment.StartDate || date > assignment.EndDate || pauses.IsPaused(date))
        {
            return null;
        }

        return PeriodHolding(assignment, date);
    }

    /// <summary>
    /// Every 7-day period of a weekly assignment that shares a day with [first, last], cut at the assignment's end.
    /// Pauses do not move or remove periods (ADHERENCE.md: the weekly rule has no pause clause).
    /// </summary>
    public static IReadOnlyList<DateInterval> WeeklyPeriodsOverlapping(AdherenceAssignment assignment, LocalDate first, LocalDate last)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var periods = new List<DateInterval>();
        if (assignment.Schedule.Kind != ScheduleKind.Weekly || last < assignment.StartDate || first > assignment.EndDate)
        {
            return periods;
        }

        var lastDay = LocalDate.Min(last, assignment.EndDate);
        for (var start = PeriodHolding(assignment, LocalDate.Max(first, assignment.StartDate)).Start; start <= lastDay; start = start.PlusDays(7))
        {
            periods.Add(PeriodHolding(assignment, start));
        }

        return periods;
    }

    private static DateInterval PeriodHolding(AdherenceAssignment assignment, LocalDate date)
    {
        var start = assignment.StartDate.PlusDays(Period.DaysBetween(assignment.StartDate, date) / 7 * 7);
        return new DateInterval(start, LocalDate.Min(start.PlusDays(6), assignment.EndDate));
    }
}
