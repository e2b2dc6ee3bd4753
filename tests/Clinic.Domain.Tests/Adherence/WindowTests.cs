using Clinic.Domain.Adherence;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Window" and "Time": which local dates a summary covers as of a moment.</summary>
public sealed class WindowTests
{
    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 15));

    [Fact]
    public void A_plan_starting_today_has_an_empty_window_with_null_rates_but_reports_today()
    {
        var breathing = scenario.Daily(timesPerDay: 2);
        scenario.Complete(breathing, D(2026, 3, 2), new LocalTime(8, 0));

        var summary = scenario.SummaryOn(D(2026, 3, 2));

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 1), 0), summary.Window);
        Assert.Equal((0, 0, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Null(summary.AdherenceRate);
        Assert.Equal((0, 0), (summary.DueDays, summary.PracticedDueDays));
        Assert.Null(summary.Pdc);
        Assert.Equal((0, 0), (summary.CurrentStreak, summary.LongestStreak));
        Assert.Null(summary.Trend);
        Assert.Null(summary.Assignments.Single().AdherenceRate);
        Assert.Equal(0, summary.Quality.Completions);
        Assert.Equal(new TodayProgress(breathing.AssignmentId, 2, 1), Assert.Single(summary.Today));
        Assert.Equal(scenario.Completions[0].CompletedAt, summary.LastCompletedAt);
        Assert.Equal(0, summary.DaysSinceLastCompletion);
        Assert.Empty(summary.Flags);
    }

    [Fact]
    public void A_plan_starting_in_the_future_has_an_empty_window_and_nothing_today()
    {
        scenario.Daily(timesPerDay: 1);

        var summary = scenario.SummaryOn(D(2026, 2, 20));

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 2, 19), 0), summary.Window);
        Assert.Null(summary.AdherenceRate);
        Assert.Empty(summary.Today);
        Assert.Null(summary.LastCompletedAt);
        Assert.Null(summary.DaysSinceLastCompletion);
        Assert.Empty(summary.Flags);
    }

    [Fact]
    public void A_requested_from_later_than_the_plan_start_narrows_the_window()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 6));

        var summary = scenario.SummaryOn(D(2026, 3, 8), requestedFrom: D(2026, 3, 5));

        Assert.Equal(new SummaryWindow(D(2026, 3, 5), D(2026, 3, 7), 3), summary.Window);
        Assert.Equal((3, 2, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal(2, summary.Quality.Completions);
    }

    [Fact]
    public void A_requested_from_before_the_plan_start_is_clamped_to_the_plan_start()
    {
        scenario.Daily(timesPerDay: 1);

        var summary = scenario.SummaryOn(D(2026, 3, 8), requestedFrom: D(2026, 2, 1));

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 7), 6), summary.Window);
    }

    [Fact]
    public void After_the_plan_ends_the_window_stops_at_the_plan_end()
    {
        scenario.Daily(timesPerDay: 1);

        var summary = scenario.SummaryOn(D(2026, 4, 10));

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 15), 14), summary.Window);
        Assert.Equal(14, summary.Expected);
        Assert.Empty(summary.Today);
    }

    [Fact]
    public void At_local_midnight_today_is_the_new_date_and_the_previous_day_is_the_last_window_day()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        var midnight = scenario.Local(D(2026, 3, 5), LocalTime.Midnight);
        scenario.CompleteAt(breathing, midnight);

        var summary = scenario.SummaryAt(midnight);

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 4), 3), summary.Window);
        Assert.Equal(new TodayProgress(breathing.AssignmentId, 1, 1), Assert.Single(summary.Today));
        Assert.Equal(0, summary.Credited);
    }

    [Fact]
    public void Completions_after_as_of_are_ignored_entirely()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 3));
        scenario.Complete(breathing, D(2026, 3, 5), new LocalTime(18, 0), c => c with { DistressAfter = 9 });
        scenario.Complete(breathing, D(2026, 3, 7));

        var summary = scenario.SummaryOn(D(2026, 3, 5), new LocalTime(12, 0));

        Assert.Equal(new TodayProgress(breathing.AssignmentId, 1, 0), Assert.Single(summary.Today));
        Assert.Equal(scenario.Completions[0].CompletedAt, summary.LastCompletedAt);
        Assert.Equal(2, summary.DaysSinceLastCompletion);
        Assert.Equal(scenario.Completions[0].CompletedAt, summary.Assignments.Single().LastCompletedAt);
        Assert.DoesNotContain(AdherenceFlags.HighDistress, summary.Flags);
    }
}
