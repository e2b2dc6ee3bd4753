using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>
/// The day in progress, which never counts towards expected: one entry per assignment active today,
/// in the plan's assignment order.
/// </summary>
internal static class TodayProgressRules
{
    public static IReadOnlyList<TodayProgress> ForToday(AdherenceFacts facts)
    {
        var today = facts.Today;
        var progress = new List<TodayProgress>();
        for (var index = 0; index < facts.Assignments.Count; index++)
        {
            var assignment = facts.Assignments[index];
            var schedule = assignment.Schedule;
            switch (schedule.Kind)
            {
                case ScheduleKind.Daily when AssignmentCredit.IsDailyDueOn(assignment, today, facts.Pauses):
                    progress.Add(new TodayProgress(assignment.AssignmentId, schedule.TimesPerDay, facts.CountOn(index, today)));
                    break;

                case ScheduleKind.Weekly when IsWithinDates(assignment, today) && !facts.Pauses.IsPaused(today):
                    // The current, unfinished period: from its anchored start up to today.
                    var periodStart = assignment.StartDate.PlusDays(Period.DaysBetween(assignment.StartDate, today) / 7 * 7);
                    progress.Add(new TodayProgress(assignment.AssignmentId, schedule.TimesPerWeek, facts.CountBetween(index, periodStart, today)));
                    break;

                case ScheduleKind.Once when schedule.DueDate == today && !facts.Pauses.IsPaused(today):
                    var done = facts.Completions.Exists(c => c.AssignmentIndex == index && c.LocalDate <= today) ? 1 : 0;
                    progress.Add(new TodayProgress(assignment.AssignmentId, 1, done));
                    break;

                default:
                    break;
            }
        }

        return progress;
    }

    private static bool IsWithinDates(AdherenceAssignment assignment, LocalDate date) =>
        date >= assignment.StartDate && date <= assignment.EndDate;
}
