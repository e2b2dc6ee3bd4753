using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Schedules and credit", once: counted when due in the window, on time or late.</summary>
public sealed class OnceCreditTests
{
    // Summaries are taken on 03-10, so the window is 03-02..03-09.
    private static readonly LocalDate Today = D(2026, 3, 10);

    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Done_on_or_before_the_due_date_is_on_time(int completedOnDay)
    {
        var letter = scenario.Once(D(2026, 3, 5));
        scenario.Complete(letter, D(2026, 3, completedOnDay));

        var assignment = scenario.SummaryOn(Today).Assignments.Single();

        Assert.Equal((1, 1, 0, 1.0), (assignment.Expected, assignment.Credited, assignment.Extra, assignment.AdherenceRate));
        Assert.True(assignment.OnTime);
    }

    [Fact]
    public void Done_after_the_due_date_but_within_the_window_is_credited_late()
    {
        var letter = scenario.Once(D(2026, 3, 5));
        scenario.Complete(letter, D(2026, 3, 7));

        var assignment = scenario.SummaryOn(Today).Assignments.Single();

        Assert.Equal((1, 1, 0), (assignment.Expected, assignment.Credited, assignment.Extra));
        Assert.False(assignment.OnTime);
    }

    [Fact]
    public void Not_done_is_expected_but_not_credited_and_on_time_is_unknown()
    {
        var letter = scenario.Once(D(2026, 3, 5));
        scenario.Complete(letter, Today);

        var summary = scenario.SummaryOn(Today);

        var assignment = summary.Assignments.Single();
        Assert.Equal((1, 0, 0, 0.0), (assignment.Expected, assignment.Credited, assignment.Extra, assignment.AdherenceRate));
        Assert.Null(assignment.OnTime);
        Assert.Equal(0.0, summary.AdherenceRate);
    }

    [Fact]
    public void Completions_after_the_first_are_extra()
    {
        var letter = scenario.Once(D(2026, 3, 5));
        scenario.Complete(letter, D(2026, 3, 4));
        scenario.Complete(letter, D(2026, 3, 6));

        var assignment = scenario.SummaryOn(Today).Assignments.Single();

        Assert.Equal((1, 1, 1), (assignment.Expected, assignment.Credited, assignment.Extra));
        Assert.True(assignment.OnTime);
    }

    [Fact]
    public void Due_after_the_window_does_not_count_and_its_completions_are_extra()
    {
        var letter = scenario.Once(D(2026, 3, 12));
        scenario.Complete(letter, D(2026, 3, 8));

        var summary = scenario.SummaryOn(Today);

        var assignment = summary.Assignments.Single();
        Assert.Equal((0, 0, 1), (assignment.Expected, assignment.Credited, assignment.Extra));
        Assert.Null(assignment.AdherenceRate);
        Assert.Null(assignment.OnTime);
        Assert.Null(summary.AdherenceRate);
    }

    [Fact]
    public void Done_before_a_later_requested_from_is_credited_and_is_not_extra()
    {
        var letter = scenario.Once(D(2026, 3, 6));
        scenario.Complete(letter, D(2026, 3, 3));

        var summary = scenario.SummaryOn(Today, requestedFrom: D(2026, 3, 4));

        var assignment = summary.Assignments.Single();
        Assert.Equal((1, 1, 0), (assignment.Expected, assignment.Credited, assignment.Extra));
        Assert.True(assignment.OnTime);
        Assert.Equal(0, summary.Quality.Completions);
    }

    [Fact]
    public void Due_today_is_reported_under_today_only()
    {
        var letter = scenario.Once(Today);
        scenario.Complete(letter, Today, new LocalTime(8, 0));
        scenario.Complete(letter, Today, new LocalTime(9, 0));

        var summary = scenario.SummaryOn(Today);

        Assert.Equal(new Clinic.Domain.Adherence.TodayProgress(letter.AssignmentId, 1, 1), Assert.Single(summary.Today));
        Assert.Equal((0, 0, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Null(summary.Assignments.Single().OnTime);
    }
}
