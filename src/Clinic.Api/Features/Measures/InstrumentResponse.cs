using Clinic.Domain.Measures;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// An instrument as an app renders it and a clinician reads it: its items verbatim, the answers they take, how it is
/// scored and banded, the constants of its reliable change index, and its citation and licence (docs/MEASURES.md).
/// </summary>
public sealed record InstrumentResponse(
    string Key,
    string Name,
    string Title,
    string Instructions,
    IReadOnlyList<InstrumentItemResponse> Items,
    IReadOnlyList<InstrumentOptionResponse> Options,
    ScoreKind Scoring,
    BetterWhen BetterWhen,
    double MinScore,
    double MaxScore,
    IReadOnlyList<InstrumentBandResponse> Bands,
    ReliableChangeResponse ReliableChange,
    string? Loinc,
    string Citation,
    string License)
{
    public static InstrumentResponse From(Instrument i) => new(
        i.Key,
        i.Name,
        i.Title,
        i.Instructions,
        [.. i.Items.Select(item => new InstrumentItemResponse(item.Number, item.Text, item.Reverse))],
        [.. i.Options.Select(o => new InstrumentOptionResponse(o.Value, o.Label))],
        i.Scoring,
        i.BetterWhen,
        i.MinScore,
        i.MaxScore,
        [.. i.Bands.Select(b => new InstrumentBandResponse(b.Code, b.Label, i.ScoreOf(b.MinPoints), i.ScoreOf(b.MaxPoints)))],
        new ReliableChangeResponse(
            i.ReliableChange.StandardDeviation,
            i.ReliableChange.Reliability,
            i.ReliableChange.StandardErrorOfDifference,
            Domain.Measures.ReliableChange.Criterion,
            Domain.Measures.ReliableChange.Criterion * i.ReliableChange.StandardErrorOfDifference),
        i.Loinc,
        i.Citation,
        i.License);
}

/// <summary>An item: its number (1-based, the position of its answer in <c>answers</c>), its text, and whether it is reverse scored.</summary>
public sealed record InstrumentItemResponse(int Number, string Text, bool ReverseScored);

/// <summary>An answer an item takes; label is null where the published form labels only the ends of the scale.</summary>
public sealed record InstrumentOptionResponse(int Value, string? Label);

/// <summary>A band of scores, both bounds included, on the instrument's scale.</summary>
public sealed record InstrumentBandResponse(string Code, string Label, double MinScore, double MaxScore);

/// <summary>
/// The Jacobson and Truax constants: SD and reliability r (sources in docs/MEASURES.md), Sdiff = sqrt(2) * SD *
/// sqrt(1 - r), the criterion 1.96 and the smallest change that is reliable (1.96 * Sdiff).
/// </summary>
public sealed record ReliableChangeResponse(
    double StandardDeviation, double Reliability, double StandardErrorOfDifference, double Criterion, double SmallestReliableChange);

/// <summary>A score's band: its code and label.</summary>
public sealed record MeasureBand(string Code, string Label)
{
    public static MeasureBand From(ScoreBand band) => new(band.Code, band.Label);
}
