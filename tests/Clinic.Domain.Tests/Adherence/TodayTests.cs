using Clinic.Domain.Adherence;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Time": today is in progress and reported separately, one entry per active assignment.</summary>
public sealed class TodayTests
{
    // 2026-03-11 is a Wednesday.
    private static readonly LocalDate Today = D(2026, 3, 11);

    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Today_lists_the_assignments_active_today_in_plan_order()
    {
        var mondaysOnly = scenario.Daily(timesPerDay: 1, daysOfWeek: [IsoDayOfWeek.Monday]);
        var breathing = scenario.Daily(timesPerDay: 2);
        var letter = scenario.Once(Today);
        var walk = scenario.Weekly(timesPerWeek: 3);
        var laterLetter = scenario.Once(D(2026, 3, 20));
        var finished = scenario.Daily(timesPerDay: 1, endDate: D(2026, 3, 10));
        scenario.Complete(breathing, Today, new LocalTime(7, 0));
        scenario.Complete(breathing, Today, new LocalTime(8, 0));
        scenario.Complete(breathing, Today, new LocalTime(9, 0));
        scenario.Complete(letter, D(2026, 3, 10));
        scenario.Complete(walk, D(2026, 3, 9));
        scenario.Complete(walk, Today, new LocalTime(6, 0));
        scenario.Complete(finished, Today, new LocalTime(6, 0));

        var today = scenario.SummaryOn(Today).Today;

        Assert.Equal(
            [
                new TodayProgress(breathing.AssignmentId, 2, 3),
                new TodayProgress(letter.AssignmentId, 1, 1),
                new TodayProgress(walk.AssignmentId, 3, 2),
            ],
            today);
        Assert.DoesNotContain(today, t => t.AssignmentId == mondaysOnly.AssignmentId || t.AssignmentId == laterLetter.AssignmentId);
    }

    [Fact]
    public void Assignments_are_listed_in_plan_order()
    {
        var walk = scenario.Weekly(timesPerWeek: 1);
        var breathing = scenario.Daily(timesPerDay: 1);
        var letter = scenario.Once(Today);

        var assignments = scenario.SummaryOn(Today).Assignments;

        Assert.Equal([walk.AssignmentId, breathing.AssignmentId, letter.AssignmentId], assignments.Select(a => a.AssignmentId));
        Assert.Equal([walk.ExerciseKey, breathing.ExerciseKey, letter.ExerciseKey], assignments.Select(a => a.ExerciseKey));
        Assert.Equal(letter.Schedule, assignments[2].Schedule);
    }
}
