using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

internal readonly record struct DueDayCounts(int DueDays, int PracticedDueDays, int CurrentStreak, int LongestStreak);

/// <summary>ADHERENCE.md, "Days": due days, days covered, and streaks of met due days (daily assignments only).</summary>
internal static class DueDays
{
    public static DueDayCounts Count(AdherenceFacts facts)
    {
        var window = facts.Window;
        var dailyAssignments = DailyAssignmentIndexes(facts);
        if (window.IsEmpty || dailyAssignments.Count == 0)
        {
            return new DueDayCounts(0, 0, 0, 0);
        }

        var dueDays = 0;
        var practicedDueDays = 0;
        var run = 0;
        var longestRun = 0;
        for (var date = window.From; date <= window.To; date = date.PlusDays(1))
        {
            var (isDue, isMet) = DueAndMet(facts, dailyAssignments, date);

            // Days that are not due neither break nor extend a streak.
            if (!isDue)
            {
                continue;
            }

            dueDays++;

            // Any assignment's practice covers the day, not only the daily one that made it due.
            if (facts.CountOnAnyAssignment(date) > 0)
            {
                practicedDueDays++;
            }

            run = isMet ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        // After the loop the run is the one ending at the window's last due day.
        return new DueDayCounts(dueDays, practicedDueDays, run, longestRun);
    }

    /// <summary>Whether at least one daily assignment is due on <paramref name="date"/>, whatever the window.</summary>
    public static bool AnyDailyDueOn(AdherenceFacts facts, LocalDate date)
    {
        foreach (var assignment in facts.Assignments)
        {
            if (AssignmentCredit.IsDailyDueOn(assignment, date, facts.Pauses))
            {
                return true;
            }
        }

        return false;
    }

    public static List<int> DailyAssignmentIndexes(AdherenceFacts facts)
    {
        var indexes = new List<int>();
        for (var index = 0; index < facts.Assignments.Count; index++)
        {
            if (facts.Assignments[index].Schedule.Kind == ScheduleKind.Daily)
            {
                indexes.Add(index);
            }
        }

        return indexes;
    }

    /// <summary>A due day is met when every daily assignment due that day is credited in full.</summary>
    private static (bool IsDue, bool IsMet) DueAndMet(AdherenceFacts facts, List<int> dailyAssignments, LocalDate date)
    {
        var isDue = false;
        var isMet = true;
        foreach (var index in dailyAssignments)
        {
            var assignment = facts.Assignments[index];
            if (!AssignmentCredit.IsDailyDueOn(assignment, date, facts.Pauses))
            {
                continue;
            }

            isDue = true;
            isMet &= facts.CountOn(index, date) >= assignment.Schedule.TimesPerDay;
        }

        return (isDue, isMet);
    }
}
