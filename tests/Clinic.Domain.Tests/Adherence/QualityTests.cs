using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Quality" and "Days" (last completion): what the window's completions say beyond credit.</summary>
public sealed class QualityTests
{
    private static readonly LocalDate Today = D(2026, 3, 10);

    private readonly AdherenceScenario scenario = new("America/New_York", D(2026, 3, 2), D(2026, 3, 29));
    private readonly AdherenceAssignment breathing;

    public QualityTests() => breathing = scenario.Daily(timesPerDay: 1);

    [Fact]
    public void Means_are_over_the_completions_in_the_window_that_have_each_rating()
    {
        scenario.Complete(breathing, D(2026, 3, 2), details: c => c with { DistressBefore = 6, DistressAfter = 3, Helpfulness = 7, DurationMinutes = 10 });
        scenario.Complete(breathing, D(2026, 3, 3), details: c => c with { DistressBefore = 8 });
        scenario.Complete(breathing, D(2026, 3, 4), details: c => c with { DistressAfter = 4, Helpfulness = 8, DurationMinutes = 20 });
        scenario.Complete(breathing, Today, new LocalTime(8, 0), c => c with { DistressBefore = 0, DistressAfter = 0, Helpfulness = 0, DurationMinutes = 99 });

        var quality = scenario.SummaryOn(Today).Quality;

        Assert.Equal(new QualitySummary(
            Completions: 3,
            TotalMinutes: 30,
            Backfilled: 0,
            MeanDistressBefore: 7.0,
            MeanDistressAfter: 3.5,
            MeanDistressChange: -3.0,
            MeanHelpfulness: 7.5), quality);
    }

    [Fact]
    public void Means_are_null_when_no_completion_has_the_rating()
    {
        scenario.Complete(breathing, D(2026, 3, 2));

        var quality = scenario.SummaryOn(Today).Quality;

        Assert.Equal(new QualitySummary(1, 0, 0, null, null, null, null), quality);
    }

    [Fact]
    public void Received_more_than_24_hours_after_completion_is_backfilled_and_exactly_24_hours_is_not()
    {
        var day = Duration.FromHours(24);
        scenario.Complete(breathing, D(2026, 3, 2), details: c => c with { ReceivedAt = c.CompletedAt + day });
        scenario.Complete(breathing, D(2026, 3, 3), details: c => c with { ReceivedAt = c.CompletedAt + day + Duration.Epsilon });
        scenario.Complete(breathing, D(2026, 3, 4), details: c => c with { ReceivedAt = c.CompletedAt + Duration.FromDays(5) });

        Assert.Equal(2, scenario.SummaryOn(Today).Quality.Backfilled);
    }

    [Fact]
    public void At_most_five_shared_reflections_are_returned_newest_first()
    {
        for (var day = 2; day <= 8; day++)
        {
            scenario.Complete(breathing, D(2026, 3, day), details: c => c with { Reflection = $"Day {day}", ShareWithTherapist = true });
        }

        scenario.Complete(breathing, D(2026, 3, 9), new LocalTime(7, 0), c => c with { Reflection = "   ", ShareWithTherapist = true });
        scenario.Complete(breathing, D(2026, 3, 9), new LocalTime(8, 0), c => c with { Reflection = "Only for me", ShareWithTherapist = false });
        scenario.Complete(breathing, Today, new LocalTime(8, 0), c => c with { Reflection = "Today", ShareWithTherapist = true });

        var reflections = scenario.SummaryOn(Today).ReflectionsShared;

        Assert.Equal(["Day 8", "Day 7", "Day 6", "Day 5", "Day 4"], reflections.Select(r => r.Reflection));
        var newest = reflections[0];
        var logged = scenario.Completions[6];
        Assert.Equal(new SharedReflection(logged.CompletionId, breathing.AssignmentId, breathing.ExerciseKey, logged.CompletedAt, "Day 8"), newest);
    }

    [Fact]
    public void Shared_reflections_logged_at_the_same_instant_are_ordered_by_completion_id()
    {
        var at = scenario.Local(D(2026, 3, 3), new LocalTime(9, 0));
        var first = scenario.CompleteAt(breathing, at, c => c with { Reflection = "A", ShareWithTherapist = true });
        var second = scenario.CompleteAt(breathing, at, c => c with { Reflection = "B", ShareWithTherapist = true });

        var reflections = scenario.SummaryOn(Today).ReflectionsShared;

        Assert.Equal([first.CompletionId, second.CompletionId], reflections.Select(r => r.CompletionId));
    }

    [Fact]
    public void Skips_are_counted_in_the_window_only_with_all_six_reasons_present_in_order()
    {
        scenario.Skip(breathing, D(2026, 3, 2), SkipReason.Forgot);
        scenario.Skip(breathing, D(2026, 3, 3), SkipReason.NoTime);
        scenario.Skip(breathing, D(2026, 3, 4), SkipReason.NoTime);
        scenario.Skip(breathing, D(2026, 3, 9), SkipReason.Other);
        scenario.Skip(breathing, D(2026, 3, 1), SkipReason.Unclear);
        scenario.Skip(breathing, Today, SkipReason.TooDistressing);
        scenario.SkipForAnotherPlan(D(2026, 3, 5), SkipReason.NotHelpful);

        var skips = scenario.SummaryOn(Today).Skips;

        Assert.Equal(
            [
                new("forgot", 1),
                new("no_time", 2),
                new("too_distressing", 0),
                new("unclear", 0),
                new("not_helpful", 0),
                new KeyValuePair<string, int>("other", 1),
            ],
            skips);
    }

    [Fact]
    public void Skips_of_an_empty_window_still_list_all_six_reasons()
    {
        var skips = scenario.SummaryOn(D(2026, 3, 2)).Skips;

        Assert.Equal(["forgot", "no_time", "too_distressing", "unclear", "not_helpful", "other"], skips.Keys);
        Assert.All(skips.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Days_since_last_completion_counts_local_dates_not_elapsed_hours()
    {
        var last = scenario.Complete(breathing, D(2026, 3, 6), new LocalTime(23, 30));

        var summary = scenario.SummaryOn(D(2026, 3, 9), new LocalTime(0, 30));

        Assert.Equal(last.CompletedAt, summary.LastCompletedAt);
        Assert.Equal(3, summary.DaysSinceLastCompletion);
        Assert.Equal(last.CompletedAt, summary.Assignments.Single().LastCompletedAt);
    }

    [Fact]
    public void The_last_completion_before_the_loaded_range_counts_when_nothing_later_was_loaded()
    {
        var earlier = scenario.Local(D(2026, 3, 1), new LocalTime(20, 0));

        var summary = scenario.SummaryOn(Today, lastCompletedBeforeLoadedRange: earlier);

        Assert.Equal(earlier, summary.LastCompletedAt);
        Assert.Equal(9, summary.DaysSinceLastCompletion);
        Assert.Null(summary.Assignments.Single().LastCompletedAt);
    }

    [Fact]
    public void The_last_completion_before_the_loaded_range_gives_way_to_later_ones_and_is_ignored_after_as_of()
    {
        var loaded = scenario.Complete(breathing, D(2026, 3, 8));

        var withOlderHint = scenario.SummaryOn(Today, lastCompletedBeforeLoadedRange: scenario.Local(D(2026, 3, 1), new LocalTime(20, 0)));
        var withHintAfterAsOf = scenario.SummaryOn(Today, lastCompletedBeforeLoadedRange: scenario.Local(D(2026, 3, 12), new LocalTime(20, 0)));

        Assert.Equal(loaded.CompletedAt, withOlderHint.LastCompletedAt);
        Assert.Equal(loaded.CompletedAt, withHintAfterAsOf.LastCompletedAt);
        Assert.Equal(2, withHintAfterAsOf.DaysSinceLastCompletion);
    }
}
