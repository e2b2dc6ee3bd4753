using Clinic.Domain.Common;
using Clinic.Domain.Measures;

namespace Clinic.Domain.Tests.Measures;

/// <summary>The instruments as published: item counts, reverse items, scoring, and every band boundary.</summary>
public sealed class InstrumentScoringTests
{
    [Fact]
    public void The_SCS_SF_reverses_exactly_items_1_4_8_9_11_and_12()
    {
        Assert.Equal(12, Instruments.ScsSf.Items.Count);
        Assert.Equal([1, 4, 8, 9, 11, 12], Instruments.ScsSf.Items.Where(i => i.Reverse).Select(i => i.Number));
        Assert.Equal([1, 2, 3, 4, 5], Instruments.ScsSf.Options.Select(o => o.Value));
    }

    [Fact]
    public void The_PHQ9_and_GAD7_reverse_nothing_and_take_0_to_3()
    {
        Assert.Equal(9, Instruments.Phq9.Items.Count);
        Assert.Equal(7, Instruments.Gad7.Items.Count);
        Assert.DoesNotContain(Instruments.Phq9.Items.Concat(Instruments.Gad7.Items), i => i.Reverse);
        Assert.Equal(["Not at all", "Several days", "More than half the days", "Nearly every day"], Instruments.Phq9.Options.Select(o => o.Label));
        Assert.Equal([0, 1, 2, 3], Instruments.Gad7.Options.Select(o => o.Value));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 36)]
    [InlineData(new[] { 5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5 }, 12)]
    [InlineData(new[] { 1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1 }, 60)]
    [InlineData(new[] { 2, 3, 3, 2, 3, 3, 3, 2, 2, 3, 2, 2 }, 42)]
    public void SCS_SF_points_count_reverse_items_as_6_minus_the_answer(int[] answers, int points)
    {
        var score = Instruments.ScsSf.Score(answers);

        Assert.Equal(points, score.Points);
        Assert.Equal(points / 12.0, score.Value);
    }

    [Theory]
    [InlineData(12, "low")]
    [InlineData(29, "low")]
    [InlineData(30, "moderate")]
    [InlineData(42, "moderate")]
    [InlineData(43, "high")]
    [InlineData(60, "high")]
    public void SCS_SF_is_low_below_a_mean_of_2_5_moderate_to_3_5_and_high_above(int points, string band) =>
        Assert.Equal(band, Instruments.ScsSf.Score(WithPoints(Instruments.ScsSf, points)).Band.Code);

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately_severe")]
    [InlineData(19, "moderately_severe")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void PHQ9_bands_are_0_4_5_9_10_14_15_19_and_20_27(int total, string band)
    {
        var score = Instruments.Phq9.Score(WithPoints(Instruments.Phq9, total));

        Assert.Equal((double)total, score.Value);
        Assert.Equal(band, score.Band.Code);
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void GAD7_bands_are_0_4_5_9_10_14_and_15_21(int total, string band)
    {
        var score = Instruments.Gad7.Score(WithPoints(Instruments.Gad7, total));

        Assert.Equal((double)total, score.Value);
        Assert.Equal(band, score.Band.Code);
    }

    [Fact]
    public void Every_instruments_bands_cover_its_whole_range_without_overlap()
    {
        foreach (var instrument in Instruments.All)
        {
            var (min, max) = (instrument.MinValue * instrument.Items.Count, instrument.MaxValue * instrument.Items.Count);
            Assert.Equal(min, instrument.Bands[0].MinPoints);
            Assert.Equal(max, instrument.Bands[^1].MaxPoints);
            for (var index = 1; index < instrument.Bands.Count; index++)
            {
                Assert.Equal(instrument.Bands[index - 1].MaxPoints + 1, instrument.Bands[index].MinPoints);
            }
        }
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1 }, "answer_required", "answers[8]")]
    [InlineData(new[] { 1, 1, 1, 1, 9, 1, 1, 1, 1 }, "answer_out_of_range", "answers[4]")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, "too_many_answers", "answers")]
    public void Incomplete_or_impossible_answers_are_refused_naming_the_first_offending_answer(int[] answers, string rule, string field)
    {
        var broken = Assert.Throws<DomainException>(() => Instruments.Phq9.Score(answers));

        Assert.Equal((rule, field), (broken.Rule, broken.Field));
    }

    [Fact]
    public void Instruments_are_found_by_key_and_only_by_key()
    {
        Assert.Same(Instruments.Phq9, Instruments.Find("phq-9"));
        Assert.Null(Instruments.Find("PHQ-9"));
        Assert.Equal("scs-sf, phq-9 or gad-7", Instruments.KeyList);
    }

    /// <summary>Answers whose points (after reverse scoring) add up to <paramref name="points"/>.</summary>
    internal static int[] WithPoints(Instrument instrument, int points)
    {
        var (min, max) = (instrument.MinValue, instrument.MaxValue);
        var scored = Enumerable.Repeat(min, instrument.Items.Count).ToArray();
        var left = points - (min * instrument.Items.Count);
        for (var index = 0; index < scored.Length && left > 0; index++)
        {
            var add = Math.Min(max - min, left);
            scored[index] += add;
            left -= add;
        }

        return [.. scored.Select((value, index) => instrument.Items[index].Reverse ? min + max - value : value)];
    }
}
