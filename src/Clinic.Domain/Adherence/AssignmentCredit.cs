using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// What one assignment was expected to do in the window and what it is credited with.
/// <see cref="CreditedInWindow"/> is the number of credited completions whose local date is inside the window;
/// every other completion in the window is extra.
/// </summary>
internal readonly record struct AssignmentTally(int Expected, int Credited, int CreditedInWindow, bool? OnTime);

/// <summary>The credit rules of ADHERENCE.md, "Schedules and credit", one per schedule kind.</summary>
internal static class AssignmentCredit
{
    public static AssignmentTally Tally(AdherenceFacts facts, int assignmentIndex)
    {
        var assignment = facts.Assignments[assignmentIndex];
        return assignment.Schedule.Kind switch
        {
            ScheduleKind.Daily => TallyDaily(facts, assignmentIndex, facts.Window),
            ScheduleKind.Weekly => TallyWeekly(facts, assignmentIndex),
            ScheduleKind.Once => TallyOnce(facts, assignmentIndex),

            // Never expected, so never credited; its uses are reported apart (ADHERENCE.md, "As-needed practice").
            ScheduleKind.AsNeeded => new AssignmentTally(0, 0, 0, OnTime: null),
            _ => throw new InvalidOperationException($"Unknown schedule kind {assignment.Schedule.Kind}."),
        };
    }

    /// <summary>
    /// A daily assignment is due on a day inside its own dates, not paused, on one of its weekdays.
    /// The caller decides which days (window, trend range) are looked at.
    /// </summary>
    public static bool IsDailyDueOn(AdherenceAssignment assignment, LocalDate date, PauseCalendar pauses) =>
        assignment.Schedule.Kind == ScheduleKind.Daily
        && date >= assignment.StartDate
        && date <= assignment.EndDate
        && assignment.Schedule.FallsOnWeekday(date)
        && !pauses.IsPaused(date);

    /// <summary>Daily credit over the days of <paramref name="range"/>: each due day expects n and credits at most n.</summary>
    public static AssignmentTally TallyDaily(AdherenceFacts facts, int assignmentIndex, DateWindow range)
    {
        var assignment = facts.Assignments[assignmentIndex];
        var timesPerDay = assignment.Schedule.TimesPerDay;
        var expected = 0;
        var credited = 0;
        if (!range.IsEmpty)
        {
            for (var date = range.From; date <= range.To; date = date.PlusDays(1))
            {
                if (IsDailyDueOn(assignment, date, facts.Pauses))
                {
                    expected += timesPerDay;
                    credited += Math.Min(facts.CountOn(assignmentIndex, date), timesPerDay);
                }
            }
        }

        return new AssignmentTally(expected, credited, credited, OnTime: null);
    }

    /// <summary>
    /// Weekly credit over the 7-day periods anchored on the assignment's start date that lie entirely inside both
    /// the window and the assignment's dates; partial periods at either end do not count.
    /// </summary>
    /// <remarks>
    /// Pauses do not change weekly periods: ADHERENCE.md only takes paused days out of what is due, and the weekly
    /// rule has no pause clause, so a period containing paused days still expects n. Followed literally on purpose.
    /// </remarks>
    private static AssignmentTally TallyWeekly(AdherenceFacts facts, int assignmentIndex)
    {
        var assignment = facts.Assignments[assignmentIndex];
        var window = facts.Window;
        if (window.IsEmpty)
        {
            return new AssignmentTally(0, 0, 0, OnTime: null);
        }

        var timesPerWeek = assignment.Schedule.TimesPerWeek;
        var lastCountableDay = LocalDate.Min(window.To, assignment.EndDate);
        var daysFromAnchorToWindow = Period.DaysBetween(assignment.StartDate, window.From);
        var firstPeriod = daysFromAnchorToWindow <= 0 ? 0 : (daysFromAnchorToWindow + 6) / 7;

        var expected = 0;
        var credited = 0;
        for (var periodStart = assignment.StartDate.PlusDays(7 * firstPeriod);
             periodStart.PlusDays(6) <= lastCountableDay;
             periodStart = periodStart.PlusDays(7))
        {
            expected += timesPerWeek;
            credited += Math.Min(facts.CountBetween(assignmentIndex, periodStart, periodStart.PlusDays(6)), timesPerWeek);
        }

        return new AssignmentTally(expected, credited, credited, OnTime: null);
    }

    /// <summary>
    /// A once assignment counts when its due date is inside the window and not a paused day (paused days are
    /// not due for any assignment). It is credited by its first completion with local date up to the window's
    /// end, which may lie before the window (then it is not extra either).
    /// </summary>
    private static AssignmentTally TallyOnce(AdherenceFacts facts, int assignmentIndex)
    {
        var dueDate = facts.Assignments[assignmentIndex].Schedule.DueDate
            ?? throw new InvalidOperationException("A once schedule always has a due date.");
        if (!facts.Window.Contains(dueDate) || facts.Pauses.IsPaused(dueDate))
        {
            return new AssignmentTally(0, 0, 0, OnTime: null);
        }

        LocatedCompletion? first = null;
        foreach (var completion in facts.Completions)
        {
            if (completion.AssignmentIndex == assignmentIndex
                && completion.LocalDate <= facts.Window.To
                && (first is null || completion.Fact.CompletedAt < first.Value.Fact.CompletedAt))
            {
                first = completion;
            }
        }

        if (first is not { } credited)
        {
            return new AssignmentTally(1, 0, 0, OnTime: null);
        }

        var creditedInWindow = facts.Window.Contains(credited.LocalDate) ? 1 : 0;
        return new AssignmentTally(1, 1, creditedInWindow, OnTime: credited.LocalDate <= dueDate);
    }
}
