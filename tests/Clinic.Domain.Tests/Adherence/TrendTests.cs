using Clinic.Domain.Adherence;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Trend": the last seven window days against the seven before, daily assignments only.</summary>
public sealed class TrendTests
{
    // A 14-day window 03-02..03-15: prior = 03-02..03-08, recent = 03-09..03-15.
    private static readonly LocalDate FirstDayAfterWindow = D(2026, 3, 16);

    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    /// <remarks>
    /// Four times a day on weekdays expects 20 per seven days, so rates move in steps of 5 points and can land
    /// exactly on the 15-point threshold. 0.35 - 0.2 is 0.1499999... in doubles: the direction must not depend on that.
    /// </remarks>
    [Theory]
    [InlineData(13, 10, 15.0, "improving")]
    [InlineData(7, 4, 15.0, "improving")]
    [InlineData(10, 13, -15.0, "declining")]
    [InlineData(4, 7, -15.0, "declining")]
    [InlineData(12, 10, 10.0, "stable")]
    [InlineData(10, 12, -10.0, "stable")]
    public void Direction_is_decided_at_exactly_fifteen_points(int recentCredited, int priorCredited, double deltaPp, string direction)
    {
        var grounding = scenario.Daily(timesPerDay: 4, daysOfWeek: Weekdays);
        CompleteOnWeekdays(grounding, D(2026, 3, 2), priorCredited);
        CompleteOnWeekdays(grounding, D(2026, 3, 9), recentCredited);

        var trend = scenario.SummaryOn(FirstDayAfterWindow).Trend;

        Assert.NotNull(trend);
        Assert.Equal(recentCredited / 20.0, trend.RecentRate);
        Assert.Equal(priorCredited / 20.0, trend.PriorRate);
        Assert.Equal(deltaPp, trend.DeltaPp, 1e-9);
        Assert.Equal(direction, trend.Direction);
    }

    [Fact]
    public void Fourteen_and_a_bit_points_is_stable()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 7));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 9), D(2026, 3, 15));

        var trend = scenario.SummaryOn(FirstDayAfterWindow).Trend;

        Assert.NotNull(trend);
        Assert.Equal(1.0, trend.RecentRate);
        Assert.Equal(6.0 / 7, trend.PriorRate);
        Assert.Equal(100.0 / 7, trend.DeltaPp, 1e-9);
        Assert.Equal("stable", trend.Direction);
    }

    [Fact]
    public void Trend_is_null_when_the_window_is_shorter_than_fourteen_days()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 14));

        Assert.Null(scenario.SummaryOn(D(2026, 3, 15)).Trend);
        Assert.NotNull(scenario.SummaryOn(FirstDayAfterWindow).Trend);
    }

    [Fact]
    public void Trend_is_null_when_nothing_was_due_in_the_prior_week()
    {
        scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 2).At(new LocalTime(6, 0)), D(2026, 3, 9).At(new LocalTime(6, 0)));

        Assert.Null(scenario.SummaryOn(FirstDayAfterWindow).Trend);
    }

    [Fact]
    public void Trend_uses_the_last_fourteen_days_of_a_longer_window_and_ignores_weekly_assignments()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        var walk = scenario.Weekly(timesPerWeek: 3);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 8));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 9), D(2026, 3, 13));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 19), D(2026, 3, 22));
        scenario.Complete(walk, D(2026, 3, 20));

        var summary = scenario.SummaryOn(D(2026, 3, 23));

        Assert.Equal(new TrendSummary(4.0 / 7, 5.0 / 7, -100.0 / 7, "stable"), summary.Trend);
    }

    private void CompleteOnWeekdays(AdherenceAssignment assignment, LocalDate weekStart, int count)
    {
        for (var i = 0; i < count; i++)
        {
            scenario.Complete(assignment, weekStart.PlusDays(i / 4), new LocalTime(8 + (i % 4), 0));
        }
    }
}
