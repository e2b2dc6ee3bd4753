using Clinic.Domain.Exercises;
using Clinic.Domain.Support;
using CsCheck;
using NodaTime;

namespace Clinic.Domain.Tests.Support;

/// <summary>The ranking rule of support now (ADHERENCE.md, "Support now ranking"), tier by tier and as invariants.</summary>
public sealed class SupportNowRankingTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 9, 12, 0);

    private static readonly Dictionary<string, OfferableExercise> Library = new[]
    {
        Exercise("soothing-touch", 3, ExerciseTag.InTheMoment),
        Exercise("self-compassion-break", 5, ExerciseTag.InTheMoment),
        Exercise("soften-soothe-allow", 10, ExerciseTag.InTheMoment),
        Exercise("long-moment", 11, ExerciseTag.InTheMoment),
        Exercise("compassionate-walking", 10, ExerciseTag.Body),
        Exercise("affectionate-breathing", 15, ExerciseTag.Body),
        Exercise("retired-but-assigned", 4, ExerciseTag.InTheMoment) with { InLibrary = false },
    }.ToDictionary(e => e.ExerciseKey);

    [Fact]
    public void Similar_distress_is_within_two_points_inside_the_scale()
    {
        Assert.Equal((7, 10), SupportNowRanking.SimilarRange(9));
        Assert.Equal((0, 3), SupportNowRanking.SimilarRange(1));
        Assert.Equal((3, 7), SupportNowRanking.SimilarRange(5));
    }

    [Fact]
    public void What_helped_before_comes_first_by_mean_drop_then_uses_then_latest_use_then_key()
    {
        var history = new[]
        {
            new ReliefHistory("affectionate-breathing", 3, 2.0, Monday),
            new ReliefHistory("compassionate-walking", 4, 2.0, Monday),
            new ReliefHistory("soften-soothe-allow", 3, 2.5, Monday),
        };

        var ranked = SupportNowRanking.Rank(history, [], Library);

        Assert.Equal(["soften-soothe-allow", "compassionate-walking", "affectionate-breathing"], ranked.Select(p => p.Exercise.ExerciseKey));
        Assert.All(ranked, p => Assert.Equal(SupportReason.HelpedYouBefore, p.Reason));
        Assert.Equal(2.5, ranked[0].History!.MeanDrop);
    }

    [Fact]
    public void Equal_drops_and_uses_put_the_latest_used_first_then_the_key()
    {
        var history = new[]
        {
            new ReliefHistory("compassionate-walking", 3, 2.0, Monday),
            new ReliefHistory("affectionate-breathing", 3, 2.0, Monday + Duration.FromHours(1)),
            new ReliefHistory("soothing-touch", 3, 2.0, Monday),
        };

        var ranked = SupportNowRanking.Rank(history, [], Library);

        Assert.Equal(["affectionate-breathing", "compassionate-walking", "soothing-touch"], ranked.Select(p => p.Exercise.ExerciseKey));
    }

    [Fact]
    public void Fewer_than_three_uses_or_no_relief_is_not_a_history()
    {
        var history = new[]
        {
            new ReliefHistory("compassionate-walking", 2, 5.0, Monday),
            new ReliefHistory("affectionate-breathing", 6, 0.0, Monday),
            new ReliefHistory("soften-soothe-allow", 5, -1.0, Monday),
        };

        var ranked = SupportNowRanking.Rank(history, [], Library);

        Assert.DoesNotContain(ranked, p => p.Reason == SupportReason.HelpedYouBefore);
    }

    [Fact]
    public void Then_the_therapists_as_needed_assignments_in_their_order_then_short_practices_for_a_hard_moment()
    {
        var suggestions = new[]
        {
            new AsNeededSuggestion("compassionate-walking", "Walk it off, kindly", "Around the block"),
        };

        var ranked = SupportNowRanking.Rank([], suggestions, Library);

        Assert.Equal(
            [("compassionate-walking", SupportReason.YourTherapistSuggested), ("soothing-touch", SupportReason.QuickInTheMoment), ("self-compassion-break", SupportReason.QuickInTheMoment)],
            ranked.Select(p => (p.Exercise.ExerciseKey, p.Reason)));
        Assert.Equal("Walk it off, kindly", ranked[0].Title);
        Assert.Equal("Around the block", ranked[0].Suggestion!.Instructions);
    }

    [Fact]
    public void An_exercise_is_offered_once_under_its_first_reason_and_keeps_the_therapists_words()
    {
        var history = new[] { new ReliefHistory("soothing-touch", 3, 1.0, Monday) };
        var suggestions = new[] { new AsNeededSuggestion("soothing-touch", "Hand on heart", "When the critic is loud") };

        var ranked = SupportNowRanking.Rank(history, suggestions, Library);

        Assert.Equal(["soothing-touch", "self-compassion-break", "soften-soothe-allow"], ranked.Select(p => p.Exercise.ExerciseKey));
        Assert.Equal(SupportReason.HelpedYouBefore, ranked[0].Reason);
        Assert.Equal("Hand on heart", ranked[0].Title);
    }

    [Fact]
    public void A_retired_exercise_is_no_quick_practice_and_an_unknown_one_is_never_offered()
    {
        var history = new[] { new ReliefHistory("not-in-the-library", 9, 5.0, Monday) };
        var suggestions = new[] { new AsNeededSuggestion("also-unknown", "?", null) };

        var ranked = SupportNowRanking.Rank(history, suggestions, Library);

        Assert.Equal(["soothing-touch", "self-compassion-break", "soften-soothe-allow"], ranked.Select(p => p.Exercise.ExerciseKey));
    }

    [Fact]
    public void At_most_three_offerable_exercises_each_once_and_the_tiers_in_order() =>
        Gen.Select(
                Gen.Select(Gen.OneOf(Library.Keys.Append("unknown").ToArray()), Gen.Int[0, 6], Gen.Double[-3, 5]).Array[0, 8],
                Gen.OneOf(Library.Keys.Append("unknown").ToArray()).Array[0, 4])
            .Sample((history, suggested) =>
            {
                var histories = history.GroupBy(h => h.Item1).Select(g => new ReliefHistory(g.Key, g.First().Item2, g.First().Item3, Monday)).ToList();
                var suggestions = suggested.Select(k => new AsNeededSuggestion(k, k, null)).ToList();

                var ranked = SupportNowRanking.Rank(histories, suggestions, Library);

                Assert.InRange(ranked.Count, 0, SupportNowRanking.MaxPractices);
                Assert.Equal(ranked.Count, ranked.Select(p => p.Exercise.ExerciseKey).Distinct().Count());
                Assert.All(ranked, p => Assert.True(Library.ContainsKey(p.Exercise.ExerciseKey)));
                Assert.Equal(ranked.Select(p => p.Reason).Order(), ranked.Select(p => p.Reason));
                Assert.All(ranked.Where(p => p.Reason == SupportReason.HelpedYouBefore), p => Assert.True(p.History!.Uses >= 3 && p.History.MeanDrop > 0));

                // The library alone always fills the three places.
                Assert.Equal(SupportNowRanking.MaxPractices, ranked.Count);
            }, iter: 500);

    private static OfferableExercise Exercise(string key, int minutes, params ExerciseTag[] tags) =>
        new(key, key, "Summary", ["Breathe."], minutes, tags, InLibrary: true);
}
