using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Schedules and credit", weekly: 7-day periods anchored on the assignment's start.</summary>
public sealed class WeeklyCreditTests
{
    // 2026-03-02 is a Monday; periods of an assignment starting then are Mon..Sun.
    private readonly AdherenceScenario scenario = new("Europe/London", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Each_full_period_in_the_window_expects_times_per_week_and_caps_credit()
    {
        var walk = scenario.Weekly(timesPerWeek: 2);
        scenario.Complete(walk, D(2026, 3, 2));
        scenario.Complete(walk, D(2026, 3, 4));
        scenario.Complete(walk, D(2026, 3, 8));
        scenario.Complete(walk, D(2026, 3, 15));

        var summary = scenario.SummaryOn(D(2026, 3, 23));

        Assert.Equal(21, summary.Window.Days);
        Assert.Equal(6, summary.Expected);
        Assert.Equal(3, summary.Credited);
        Assert.Equal(1, summary.Extra);
        Assert.Equal(0.5, summary.AdherenceRate);
    }

    [Fact]
    public void A_period_cut_by_the_end_of_the_window_does_not_count_and_its_completions_are_extra()
    {
        var walk = scenario.Weekly(timesPerWeek: 2);
        scenario.Complete(walk, D(2026, 3, 10));
        scenario.Complete(walk, D(2026, 3, 16));
        scenario.Complete(walk, D(2026, 3, 17));

        var summary = scenario.SummaryOn(D(2026, 3, 19));

        Assert.Equal(4, summary.Expected);
        Assert.Equal(1, summary.Credited);
        Assert.Equal(2, summary.Extra);
    }

    [Fact]
    public void A_period_cut_by_a_later_requested_from_does_not_count_and_its_completions_in_the_window_are_extra()
    {
        var walk = scenario.Weekly(timesPerWeek: 1);
        scenario.Complete(walk, D(2026, 3, 3));
        scenario.Complete(walk, D(2026, 3, 5));
        scenario.Complete(walk, D(2026, 3, 10));

        var summary = scenario.SummaryOn(D(2026, 3, 16), requestedFrom: D(2026, 3, 4));

        Assert.Equal(D(2026, 3, 4), summary.Window.From);
        Assert.Equal(1, summary.Expected);
        Assert.Equal(1, summary.Credited);
        Assert.Equal(1, summary.Extra);
        Assert.Equal(2, summary.Quality.Completions);
    }

    [Fact]
    public void Periods_are_anchored_on_the_assignment_start_and_must_end_by_the_assignment_end()
    {
        // Periods: 03-04..03-10, 03-11..03-17, 03-18..03-24 (past the assignment's end, so not counted).
        var walk = scenario.Weekly(timesPerWeek: 1, startDate: D(2026, 3, 4), endDate: D(2026, 3, 20));
        scenario.Complete(walk, D(2026, 3, 3));
        scenario.Complete(walk, D(2026, 3, 10));
        scenario.Complete(walk, D(2026, 3, 11));
        scenario.Complete(walk, D(2026, 3, 18));

        var summary = scenario.SummaryOn(D(2026, 3, 28));

        Assert.Equal(2, summary.Expected);
        Assert.Equal(2, summary.Credited);
        Assert.Equal(2, summary.Extra);
    }

    [Fact]
    public void A_pause_does_not_change_weekly_periods()
    {
        var walk = scenario.Weekly(timesPerWeek: 1);
        scenario.Pause(D(2026, 3, 9).At(new LocalTime(8, 0)), D(2026, 3, 16).At(new LocalTime(8, 0)));

        var summary = scenario.SummaryOn(D(2026, 3, 16));

        Assert.Equal(2, summary.Expected);
        Assert.Equal(0, summary.Credited);
        Assert.Equal(0, summary.DueDays);
        Assert.Equal(walk.AssignmentId, summary.Assignments.Single().AssignmentId);
    }

    [Fact]
    public void Today_reports_the_unfinished_period_from_its_start_through_today()
    {
        var walk = scenario.Weekly(timesPerWeek: 3);
        scenario.Complete(walk, D(2026, 3, 8));
        scenario.Complete(walk, D(2026, 3, 9));
        scenario.Complete(walk, D(2026, 3, 11), new LocalTime(7, 0));

        var summary = scenario.SummaryOn(D(2026, 3, 11));

        Assert.Equal(new Clinic.Domain.Adherence.TodayProgress(walk.AssignmentId, 3, 2), Assert.Single(summary.Today));
        Assert.Equal((3, 1), (summary.Expected, summary.Credited));
    }
}
