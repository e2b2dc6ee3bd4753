using Clinic.Domain.Common;

namespace Clinic.Domain.Measures;

/// <summary>How an instrument turns its item values into a score.</summary>
public enum ScoreKind
{
    /// <summary>The sum of the item values (PHQ-9, GAD-7).</summary>
    Sum,

    /// <summary>The mean of the item values after reverse scoring (SCS-SF).</summary>
    Mean,
}

/// <summary>Which way a score moves when the client gets better.</summary>
public enum BetterWhen
{
    Higher,
    Lower,
}

/// <summary>One question of an instrument, as published; <see cref="Reverse"/> items count as (min + max - answer).</summary>
public sealed record InstrumentItem(int Number, string Text, bool Reverse = false);

/// <summary>One answer an item takes: its value and, where the published form names it, its label.</summary>
public sealed record ResponseOption(int Value, string? Label, string? Code = null);

/// <summary>
/// A range of scores with a name. Bounds are in scoring points (the sum of the item values after reverse scoring),
/// both included, so a band never depends on how a mean is rounded.
/// </summary>
public sealed record ScoreBand(string Code, string Label, int MinPoints, int MaxPoints);

/// <summary>
/// The constants of the Jacobson and Truax (1991) reliable change index: the standard deviation of the score
/// before treatment (<see cref="StandardDeviation"/>, on the scale of the score) and its reliability
/// (<see cref="Reliability"/>). Their sources are in docs/MEASURES.md.
/// </summary>
public sealed record ReliableChangeConstants(double StandardDeviation, double Reliability)
{
    /// <summary>SE = SD * sqrt(1 - r).</summary>
    public double StandardError => StandardDeviation * Math.Sqrt(1 - Reliability);

    /// <summary>Sdiff = sqrt(2) * SE: the standard error of a difference between two scores.</summary>
    public double StandardErrorOfDifference => Math.Sqrt(2) * StandardError;
}

/// <summary>
/// A validated questionnaire as data: its items verbatim, the answers each takes, how it is scored and banded, and
/// what is needed to say whether a change is reliable. One definition per instrument (<see cref="Instruments"/>).
/// </summary>
public sealed record Instrument(
    string Key,
    string Name,
    string Title,
    string Instructions,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<ResponseOption> Options,
    ScoreKind Scoring,
    BetterWhen BetterWhen,
    IReadOnlyList<ScoreBand> Bands,
    ReliableChangeConstants ReliableChange,
    string? Loinc,
    string? LoincDisplay,
    string Citation,
    string License)
{
    public int MinValue => Options.Min(o => o.Value);

    public int MaxValue => Options.Max(o => o.Value);

    public double MinScore => Scoring == ScoreKind.Sum ? MinValue * Items.Count : MinValue;

    public double MaxScore => Scoring == ScoreKind.Sum ? MaxValue * Items.Count : MaxValue;

    public bool Accepts(int value) => Options.Any(o => o.Value == value);

    /// <summary>
    /// The score of a complete set of answers, in item order: reverse items counted as (min + max - answer), then
    /// summed, or averaged for a mean-scored instrument. Every item is required and must be one of the options;
    /// otherwise a <see cref="DomainException"/> names the first offending answer (<c>answers[3]</c>).
    /// </summary>
    public MeasureScore Score(IReadOnlyList<int> answers)
    {
        Check(answers);
        var points = 0;
        for (var index = 0; index < Items.Count; index++)
        {
            points += Items[index].Reverse ? MinValue + MaxValue - answers[index] : answers[index];
        }

        var value = Scoring == ScoreKind.Sum ? points : (double)points / Items.Count;
        var band = Bands.Single(b => points >= b.MinPoints && points <= b.MaxPoints);
        return new MeasureScore(points, value, band);
    }

    /// <summary>The answers are complete and every one is an option: one value per item, in item order.</summary>
    public void Check(IReadOnlyList<int> answers)
    {
        for (var index = 0; index < Items.Count; index++)
        {
            if (index >= answers.Count)
            {
                throw new DomainException("answer_required", $"Item {index + 1} of the {Name} needs an answer.", $"answers[{index}]");
            }

            if (!Accepts(answers[index]))
            {
                throw new DomainException(
                    "answer_out_of_range", $"Item {index + 1} of the {Name} takes a value from {MinValue} to {MaxValue}.", $"answers[{index}]");
            }
        }

        if (answers.Count > Items.Count)
        {
            throw new DomainException("too_many_answers", $"The {Name} has {Items.Count} items; {answers.Count} answers were sent.", "answers");
        }
    }

    /// <summary>The score of a number of points (the sum after reverse scoring), on the instrument's scale.</summary>
    public double ScoreOf(int points) => Scoring == ScoreKind.Sum ? points : (double)points / Items.Count;
}

/// <summary>A scored set of answers: the points (sum after reverse scoring), the score on the instrument's scale and its band.</summary>
public sealed record MeasureScore(int Points, double Value, ScoreBand Band);
