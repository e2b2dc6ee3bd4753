using Clinic.Domain.Measures;
using CsCheck;

namespace Clinic.Domain.Tests.Measures;

/// <summary>Invariants of scoring that hold for every complete set of answers.</summary>
public sealed class InstrumentProperties
{
    private static Gen<(Instrument Instrument, int[] Answers)> AnyAnswers =>
        Gen.Int[0, Instruments.All.Count - 1].SelectMany(index =>
        {
            var instrument = Instruments.All[index];
            return Gen.Int[instrument.MinValue, instrument.MaxValue].Array[instrument.Items.Count].Select(answers => (instrument, answers));
        });

    [Fact]
    public void A_score_lies_within_the_instruments_range_and_inside_its_band() =>
        AnyAnswers.Sample(generated =>
        {
            var (instrument, answers) = generated;
            var score = instrument.Score(answers);

            Assert.InRange(score.Value, instrument.MinScore, instrument.MaxScore);
            Assert.InRange(score.Points, score.Band.MinPoints, score.Band.MaxPoints);
        }, iter: 2000);

    [Fact]
    public void Answering_every_SCS_SF_item_the_other_way_mirrors_the_score_around_3() =>
        Gen.Int[1, 5].Array[12].Sample(answers =>
        {
            var mirrored = answers.Select(a => 6 - a).ToArray();

            Assert.Equal(6.0, Instruments.ScsSf.Score(answers).Value + Instruments.ScsSf.Score(mirrored).Value, 12);
        }, iter: 1000);

    [Fact]
    public void Raising_one_answer_on_a_sum_scored_instrument_raises_its_score_by_as_much() =>
        Gen.Int[0, 2].Array[9].Select(Gen.Int[0, 8]).Sample(generated =>
        {
            var (answers, item) = generated;
            var raised = answers.ToArray();
            raised[item]++;

            Assert.Equal(Instruments.Phq9.Score(answers).Value + 1, Instruments.Phq9.Score(raised).Value);
        }, iter: 1000);

    [Fact]
    public void A_change_is_reliable_exactly_when_it_exceeds_1_96_standard_errors_of_the_difference() =>
        Gen.Int[0, Instruments.All.Count - 1].SelectMany(index =>
        {
            var instrument = Instruments.All[index];
            var answers = Gen.Int[instrument.MinValue, instrument.MaxValue].Array[instrument.Items.Count];
            return answers.Select(answers).Select(pair => (Instrument: instrument, First: pair.Item1, Second: pair.Item2));
        }).Sample(generated =>
        {
            var instrument = generated.Instrument;
            var (before, after) = (instrument.Score(generated.First).Value, instrument.Score(generated.Second).Value);

            var change = ReliableChange.Between(instrument, before, after);

            Assert.Equal(Math.Abs(after - before) > 1.96 * instrument.ReliableChange.StandardErrorOfDifference, change.Reliable);
            Assert.Equal(-change.Index, ReliableChange.Between(instrument, after, before).Index, 12);
        }, iter: 1000);
}
