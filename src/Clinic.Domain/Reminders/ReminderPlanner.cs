using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Reminders;

/// <summary>
/// One reminder: the instant the client app should notify at (<see cref="At"/>), its wall-clock time in the client's
/// zone (a time that did not exist that day has moved forward), the local day whose practice it reminds of, and
/// which practice.
/// </summary>
public sealed record Reminder(Instant At, LocalTime LocalTime, LocalDate Date, Guid PlanId, Guid AssignmentId, string ExerciseKey, string Title);

/// <summary>A logged, not voided, practice as the planner needs it.</summary>
public readonly record struct PracticeLogged(Guid AssignmentId, Instant CompletedAt);

/// <summary>A reported skip as the planner needs it: which assignment, which local day.</summary>
public readonly record struct SkipLogged(Guid AssignmentId, LocalDate Date);

/// <summary>
/// The instants at which a client app should remind its client to practise (ADR 0030). Pure: the same plans,
/// entries, preferences, range and "now" always give the same reminders.
/// <list type="bullet">
/// <item>Only an assignment with <see cref="Schedule.TimesOfDay"/> reminds, at those local times, on the days it
/// is due (<see cref="PlanDays"/>): a daily one on its due days, a once one on its due date, a weekly one on every
/// day of a period that is not paused and still short of its count.</item>
/// <item>None once the practice is done: a daily one when the day's completions reach timesPerDay, a weekly one when
/// the period's reach timesPerWeek, a once one after any completion. A skip reported for the day closes that
/// day too. Voided completions are not passed in, so they do not count.</item>
/// <item>A local time is turned into an instant leniently: a time that does not exist that day (the clocks
/// jumped forward) moves forward by the gap, and a time that occurs twice (the clocks went back) fires once, at
/// its first occurrence.</item>
/// <item>None in quiet hours (judged on the wall-clock time at which it would fire), none while the plan is
/// paused (by the instants of its pauses, and on the days a pause makes not due), none outside [from, to).</item>
/// </list>
/// </summary>
public static class ReminderPlanner
{
    /// <summary>The longest range one request may ask for.</summary>
    public static readonly Duration MaxRange = Duration.FromDays(31);

    /// <param name="plans">Active plans of one client (all in the client's zone), with their assignments and pauses.</param>
    /// <param name="practices">The plans' completions that are not voided; any of another assignment is ignored.</param>
    /// <param name="skips">The plans' skip reports.</param>
    /// <param name="quietHours">The client's quiet hours, if any.</param>
    /// <param name="from">First instant of the range (included).</param>
    /// <param name="to">End of the range (excluded).</param>
    /// <param name="now">The instant the reminders are planned at: pauses known then count.</param>
    public static IReadOnlyList<Reminder> Plan(
        IReadOnlyList<AdherencePlan> plans,
        IReadOnlyCollection<PracticeLogged> practices,
        IReadOnlyCollection<SkipLogged> skips,
        QuietHours? quietHours,
        Instant from,
        Instant to,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(practices);
        ArgumentNullException.ThrowIfNull(skips);
        var reminders = new List<Reminder>();
        if (to <= from)
        {
            return reminders;
        }

        var skipped = skips.Select(s => (s.AssignmentId, s.Date)).ToHashSet();
        foreach (var plan in plans)
        {
            var zone = plan.TimeZone;
            var days = new PlanDays(plan, now);
            var done = new PracticeCounts(practices, zone);

            // One day either side: a local time may resolve to an instant on the neighbouring date (a gap at midnight).
            var firstDate = from.InZone(zone).Date.PlusDays(-1);
            var lastDate = to.InZone(zone).Date;
            foreach (var assignment in plan.Assignments)
            {
                if (assignment.Schedule.TimesOfDay.Count == 0)
                {
                    continue;
                }

                for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
                {
                    if (!StillDue(days, done, assignment, date) || skipped.Contains((assignment.AssignmentId, date)))
                    {
                        continue;
                    }

                    Instant? previous = null;
                    foreach (var time in assignment.Schedule.TimesOfDay)
                    {
                        var at = date.At(time).InZoneLeniently(zone);
                        var instant = at.ToInstant();

                        // Two times can meet in one instant across a gap (02:00 and 03:00 on a spring-forward day): once is enough.
                        if (instant == previous || instant < from || instant >= to || quietHours?.Contains(at.TimeOfDay) == true || InPause(plan, instant))
                        {
                            continue;
                        }

                        previous = instant;
                        reminders.Add(new Reminder(instant, at.TimeOfDay, date, plan.PlanId, assignment.AssignmentId, assignment.ExerciseKey, assignment.Title));
                    }
                }
            }
        }

        reminders.Sort(static (a, b) =>
        {
            var byInstant = a.At.CompareTo(b.At);
            return byInstant != 0 ? byInstant : a.AssignmentId.CompareTo(b.AssignmentId);
        });
        return reminders;
    }

    /// <summary>Whether the assignment is due on the day and not yet done for that day (daily, once) or period (weekly).</summary>
    private static bool StillDue(PlanDays days, PracticeCounts done, AdherenceAssignment assignment, LocalDate date)
    {
        var schedule = assignment.Schedule;
        switch (schedule.Kind)
        {
            case ScheduleKind.Daily:
                var expected = days.ExpectedOn(assignment, date);
                return expected > 0 && done.On(assignment.AssignmentId, date) < expected;
            case ScheduleKind.Once:
                return days.ExpectedOn(assignment, date) > 0 && !done.Any(assignment.AssignmentId);
            case ScheduleKind.Weekly:
                return days.WeeklyPeriodOn(assignment, date) is { } period && done.Between(assignment.AssignmentId, period.Start, period.End) < schedule.TimesPerWeek;
            default:
                return false;
        }
    }

    /// <summary>Whether the plan was paused at the instant (paused at or before it, not resumed by then).</summary>
    private static bool InPause(AdherencePlan plan, Instant instant)
    {
        foreach (var pause in plan.Pauses)
        {
            if (pause.PausedAt <= instant && (pause.ResumedAt is not { } resumedAt || instant < resumedAt))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Completions counted by (assignment, local date) in the client's zone.</summary>
    private sealed class PracticeCounts
    {
        private readonly Dictionary<(Guid AssignmentId, LocalDate Date), int> byDay = [];
        private readonly HashSet<Guid> anyByAssignment = [];

        public PracticeCounts(IEnumerable<PracticeLogged> practices, DateTimeZone zone)
        {
            foreach (var practice in practices)
            {
                var key = (practice.AssignmentId, practice.CompletedAt.InZone(zone).Date);
                byDay[key] = byDay.GetValueOrDefault(key) + 1;
                anyByAssignment.Add(practice.AssignmentId);
            }
        }

        public int On(Guid assignmentId, LocalDate date) => byDay.GetValueOrDefault((assignmentId, date));

        public bool Any(Guid assignmentId) => anyByAssignment.Contains(assignmentId);

        public int Between(Guid assignmentId, LocalDate first, LocalDate last)
        {
            var count = 0;
            for (var date = first; date <= last; date = date.PlusDays(1))
            {
                count += On(assignmentId, date);
            }

            return count;
        }
    }
}
