using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Schedules and credit", daily: due days, the per-day cap and extras.</summary>
public sealed class DailyCreditTests
{
    // 2026-03-02 is a Monday.
    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Credit_per_day_is_capped_at_times_per_day_and_the_rest_is_extra()
    {
        var journaling = scenario.Daily(timesPerDay: 2);
        scenario.CompleteEveryDay(journaling, D(2026, 3, 2), D(2026, 3, 2), times: 3);
        scenario.Complete(journaling, D(2026, 3, 3));

        var summary = scenario.SummaryOn(D(2026, 3, 5));

        Assert.Equal(3, summary.Window.Days);
        Assert.Equal(6, summary.Expected);
        Assert.Equal(3, summary.Credited);
        Assert.Equal(1, summary.Extra);
        Assert.Equal(0.5, summary.AdherenceRate);
        Assert.Equal(3, summary.DueDays);
        Assert.Equal(2, summary.PracticedDueDays);
        Assert.Equal(2.0 / 3, summary.Pdc);
    }

    [Fact]
    public void Days_outside_days_of_week_are_not_due_and_their_completions_are_extra()
    {
        var exposure = scenario.Daily(timesPerDay: 1, daysOfWeek: [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday]);
        scenario.Complete(exposure, D(2026, 3, 2));
        scenario.Complete(exposure, D(2026, 3, 3));
        scenario.Complete(exposure, D(2026, 3, 5));

        var summary = scenario.SummaryOn(D(2026, 3, 9));

        Assert.Equal(7, summary.Window.Days);
        Assert.Equal(2, summary.Expected);
        Assert.Equal(2, summary.Credited);
        Assert.Equal(1, summary.Extra);
        Assert.Equal(2, summary.DueDays);
        Assert.Equal(2, summary.PracticedDueDays);
        Assert.Equal(1.0, summary.AdherenceRate);
    }

    [Fact]
    public void Days_before_the_assignment_starts_are_not_due()
    {
        var relaxation = scenario.Daily(timesPerDay: 1, startDate: D(2026, 3, 4), endDate: D(2026, 3, 5));
        scenario.Complete(relaxation, D(2026, 3, 3));
        scenario.Complete(relaxation, D(2026, 3, 4));
        scenario.Complete(relaxation, D(2026, 3, 6));

        var summary = scenario.SummaryOn(D(2026, 3, 9));

        Assert.Equal(2, summary.Expected);
        Assert.Equal(1, summary.Credited);
        Assert.Equal(2, summary.Extra);
        Assert.Equal(2, summary.DueDays);
    }

    [Fact]
    public void Completions_of_an_assignment_outside_the_plan_are_ignored()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        var own = scenario.Complete(breathing, D(2026, 3, 2));
        var foreign = own with
        {
            CompletionId = Guid.NewGuid(),
            AssignmentId = Guid.NewGuid(),
            CompletedAt = scenario.Local(D(2026, 3, 3), new LocalTime(9, 0)),
        };

        var summary = Clinic.Domain.Adherence.AdherenceCalculator.Calculate(
            scenario.Plan, [.. scenario.Completions, foreign], [], scenario.Local(D(2026, 3, 4), new LocalTime(12, 0)));

        Assert.Equal((2, 1, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal(1, summary.Quality.Completions);
        Assert.Equal(scenario.Completions[0].CompletedAt, summary.LastCompletedAt);
    }

    [Fact]
    public void A_due_day_counts_as_practised_when_any_assignment_was_practised_that_day()
    {
        var mondays = scenario.Daily(timesPerDay: 1, daysOfWeek: [IsoDayOfWeek.Monday]);
        var weekly = scenario.Weekly(timesPerWeek: 1);
        scenario.Complete(weekly, D(2026, 3, 2));

        var summary = scenario.SummaryOn(D(2026, 3, 3));

        Assert.Equal(1, summary.DueDays);
        Assert.Equal(1, summary.PracticedDueDays);
        Assert.Equal(1.0, summary.Pdc);
        Assert.Equal(0, summary.Credited);
        Assert.Equal(0, summary.CurrentStreak);
        Assert.Equal(1, summary.Assignments.Single(a => a.AssignmentId == weekly.AssignmentId).Extra);
        Assert.Equal(0, summary.Assignments.Single(a => a.AssignmentId == mondays.AssignmentId).Credited);
    }
}
