using Clinic.Domain.Adherence;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Window": paused days are not due for any assignment.</summary>
public sealed class PauseTests
{
    // Summaries are taken on 03-09, so the window is 03-02..03-08 (7 days).
    private static readonly LocalDate Today = D(2026, 3, 9);

    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Days_from_the_pause_date_up_to_but_not_including_the_resume_date_are_not_due()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 4).At(new LocalTime(22, 0)), D(2026, 3, 6).At(new LocalTime(7, 0)));
        scenario.Complete(breathing, D(2026, 3, 5));
        scenario.Complete(breathing, D(2026, 3, 6));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal((5, 1, 1), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal(5, summary.DueDays);
    }

    [Fact]
    public void A_once_assignment_due_on_a_paused_day_does_not_count_and_its_completion_is_extra()
    {
        var letter = scenario.Once(D(2026, 3, 5));
        scenario.Pause(D(2026, 3, 4).At(new LocalTime(22, 0)), D(2026, 3, 6).At(new LocalTime(7, 0)));
        scenario.Complete(letter, D(2026, 3, 5));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal((0, 0, 1), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Null(summary.AdherenceRate);
        Assert.Null(summary.Assignments.Single().OnTime);
    }

    [Fact]
    public void A_once_assignment_due_today_is_not_shown_while_the_plan_is_paused()
    {
        scenario.Once(Today);
        scenario.Pause(D(2026, 3, 8).At(new LocalTime(8, 0)), resumedAt: null);

        var summary = scenario.SummaryOn(Today);

        Assert.Empty(summary.Today);
    }

    [Fact]
    public void A_pause_resumed_the_same_day_has_no_effect()
    {
        scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 4).At(new LocalTime(8, 0)), D(2026, 3, 4).At(new LocalTime(20, 0)));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal(7, summary.Expected);
        Assert.Equal(7, summary.DueDays);
    }

    [Fact]
    public void An_open_pause_keeps_every_later_day_not_due_including_today()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 6).At(new LocalTime(8, 0)), resumedAt: null);

        var summary = scenario.SummaryOn(Today);

        Assert.Equal(4, summary.Expected);
        Assert.Equal(4, summary.DueDays);
        Assert.Empty(summary.Today);
        Assert.Equal(breathing.AssignmentId, summary.Assignments.Single().AssignmentId);
    }

    [Fact]
    public void A_pause_resumed_after_as_of_is_still_open_as_of_then()
    {
        scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 5).At(new LocalTime(8, 0)), D(2026, 3, 12).At(new LocalTime(8, 0)));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal(3, summary.Expected);
        Assert.Empty(summary.Today);
    }

    [Fact]
    public void A_pause_started_after_as_of_is_ignored()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 9).At(new LocalTime(18, 0)), resumedAt: null);

        var summary = scenario.SummaryOn(Today, new LocalTime(12, 0));

        Assert.Equal(7, summary.Expected);
        Assert.Equal(new TodayProgress(breathing.AssignmentId, 1, 0), Assert.Single(summary.Today));
    }

    [Fact]
    public void Paused_days_neither_break_nor_extend_a_streak()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Pause(D(2026, 3, 4).At(new LocalTime(8, 0)), D(2026, 3, 6).At(new LocalTime(8, 0)));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 3));
        scenario.CompleteEveryDay(breathing, D(2026, 3, 6), D(2026, 3, 8));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal(5, summary.CurrentStreak);
        Assert.Equal(5, summary.LongestStreak);
    }
}
