using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Days": met due days and the streaks they form.</summary>
public sealed class StreakTests
{
    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Days_that_are_not_due_neither_break_nor_extend_a_streak()
    {
        var exposure = scenario.Daily(timesPerDay: 1, daysOfWeek: [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday]);
        foreach (var day in new[] { 2, 4, 6, 9, 11, 13 })
        {
            scenario.Complete(exposure, D(2026, 3, day));
        }

        var summary = scenario.SummaryOn(D(2026, 3, 16));

        Assert.Equal(6, summary.DueDays);
        Assert.Equal(6, summary.CurrentStreak);
        Assert.Equal(6, summary.LongestStreak);
    }

    [Fact]
    public void The_current_streak_counts_back_from_the_last_due_day_and_the_longest_may_be_earlier()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 6));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 8), D(2026, 3, 9));

        var summary = scenario.SummaryOn(D(2026, 3, 10));

        Assert.Equal(2, summary.CurrentStreak);
        Assert.Equal(5, summary.LongestStreak);
    }

    [Fact]
    public void The_current_streak_is_zero_when_the_last_due_day_was_missed()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 8));

        var summary = scenario.SummaryOn(D(2026, 3, 10));

        Assert.Equal(0, summary.CurrentStreak);
        Assert.Equal(7, summary.LongestStreak);
    }

    [Fact]
    public void A_day_is_met_only_when_every_daily_assignment_due_that_day_is_credited_in_full()
    {
        var breathing = scenario.Daily(timesPerDay: 2);
        var journaling = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 4), times: 2);
        scenario.CompleteEveryDay(journaling, D(2026, 3, 2), D(2026, 3, 4));
        scenario.Complete(breathing, D(2026, 3, 5));
        scenario.Complete(journaling, D(2026, 3, 5));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 6), D(2026, 3, 6), times: 2);

        var summary = scenario.SummaryOn(D(2026, 3, 7));

        Assert.Equal(5, summary.DueDays);
        Assert.Equal(5, summary.PracticedDueDays);
        Assert.Equal(0, summary.CurrentStreak);
        Assert.Equal(3, summary.LongestStreak);
        Assert.Equal((15, 13), (summary.Expected, summary.Credited));
    }
}
