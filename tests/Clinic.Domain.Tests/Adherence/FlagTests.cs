using Clinic.Domain.Adherence;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Flags": each rule on and off, and their order.</summary>
public sealed class FlagTests
{
    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));

    [Fact]
    public void Nothing_logged_while_practice_was_expected_raises_not_started_low_adherence_and_inactive()
    {
        scenario.Daily(timesPerDay: 1);

        var summary = scenario.SummaryOn(D(2026, 3, 5));

        Assert.Equal([AdherenceFlags.NotStarted, AdherenceFlags.LowAdherence, AdherenceFlags.Inactive], summary.Flags);
    }

    [Fact]
    public void One_completion_in_the_window_clears_not_started()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 4));

        var summary = scenario.SummaryOn(D(2026, 3, 5));

        Assert.DoesNotContain(AdherenceFlags.NotStarted, summary.Flags);
    }

    [Theory]
    [InlineData(new[] { 4, 5 }, false)]
    [InlineData(new[] { 5 }, true)]
    public void Low_adherence_is_a_rate_strictly_below_one_half(int[] practisedDays, bool flagged)
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        foreach (var day in practisedDays)
        {
            scenario.Complete(breathing, D(2026, 3, day));
        }

        var summary = scenario.SummaryOn(D(2026, 3, 6));

        Assert.Equal(flagged ? [AdherenceFlags.LowAdherence] : [], summary.Flags);
    }

    [Fact]
    public void Inactive_when_something_was_due_in_the_last_three_window_days_and_nothing_was_logged_since()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 6));

        var summary = scenario.SummaryOn(D(2026, 3, 10));

        Assert.Equal([AdherenceFlags.Inactive], summary.Flags);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    public void A_completion_from_the_first_of_the_last_three_window_days_through_today_clears_inactive(int day)
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 6));
        scenario.Complete(breathing, D(2026, 3, day), new LocalTime(7, 0));

        var summary = scenario.SummaryOn(D(2026, 3, 10));

        Assert.DoesNotContain(AdherenceFlags.Inactive, summary.Flags);
    }

    [Fact]
    public void Not_inactive_when_nothing_was_due_in_the_last_three_window_days()
    {
        var weekdaysOnly = scenario.Daily(timesPerDay: 1, daysOfWeek: [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday]);
        scenario.CompleteEveryDay(weekdaysOnly, D(2026, 3, 2), D(2026, 3, 5));

        // Window 03-02..03-08: Friday, Saturday and Sunday close it.
        var summary = scenario.SummaryOn(D(2026, 3, 9));

        Assert.Empty(summary.Flags);
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(7, false)]
    public void High_distress_is_a_distress_after_of_eight_or_more_in_the_window(int distressAfter, bool flagged)
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteEveryDay(breathing, D(2026, 3, 2), D(2026, 3, 3));
        scenario.Complete(breathing, D(2026, 3, 4), details: c => c with { DistressAfter = distressAfter });

        var summary = scenario.SummaryOn(D(2026, 3, 5));

        Assert.Equal(flagged ? [AdherenceFlags.HighDistress] : [], summary.Flags);
    }

    [Fact]
    public void High_distress_today_is_flagged_but_before_the_window_is_not()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 2), details: c => c with { DistressAfter = 10 });
        scenario.CompleteEveryDay(breathing, D(2026, 3, 3), D(2026, 3, 4));

        Assert.Empty(scenario.SummaryOn(D(2026, 3, 5), requestedFrom: D(2026, 3, 3)).Flags);

        scenario.Complete(breathing, D(2026, 3, 5), new LocalTime(8, 0), c => c with { DistressAfter = 8 });

        Assert.Equal([AdherenceFlags.HighDistress], scenario.SummaryOn(D(2026, 3, 5), requestedFrom: D(2026, 3, 3)).Flags);
    }

    [Fact]
    public void A_shared_reflection_in_the_window_raises_reflections_to_review()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 2), details: c => c with { Reflection = "Calmer after.", ShareWithTherapist = true });
        scenario.Complete(breathing, D(2026, 3, 3), details: c => c with { Reflection = "Private.", ShareWithTherapist = false });

        Assert.Equal([AdherenceFlags.ReflectionsToReview], scenario.SummaryOn(D(2026, 3, 4)).Flags);
    }

    [Fact]
    public void Flags_come_in_the_order_of_the_definitions()
    {
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 2), details: c => c with { DistressAfter = 9, Reflection = "Hard day.", ShareWithTherapist = true });
        scenario.CompleteEveryDay(breathing, D(2026, 3, 3), D(2026, 3, 7));

        // Window 03-02..03-15: prior week 6 of 7, recent week 0 of 7, nothing since 03-07.
        var summary = scenario.SummaryOn(D(2026, 3, 16));

        Assert.Equal(
            [AdherenceFlags.LowAdherence, AdherenceFlags.Inactive, AdherenceFlags.Declining, AdherenceFlags.HighDistress, AdherenceFlags.ReflectionsToReview],
            summary.Flags);
    }
}
