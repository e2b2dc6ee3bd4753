using NodaTime;

namespace Clinic.Domain.Measures;

/// <summary>One response in a client's series of a measure: its score, and its change from the first (the baseline).</summary>
public sealed record MeasurePoint(MeasureResponse Response, MeasureScore Score, ReliableChange FromBaseline);

/// <summary>A client's responses to one instrument in the order they were answered, each compared with the baseline.</summary>
public static class MeasureSeries
{
    /// <summary>
    /// The series of <paramref name="instrument"/> among <paramref name="responses"/>, oldest first (ties by id): the
    /// baseline is the first response, and every response carries its change from it (0 for the baseline itself).
    /// </summary>
    public static IReadOnlyList<MeasurePoint> Of(Instrument instrument, IEnumerable<MeasureResponse> responses)
    {
        var ordered = responses
            .Where(r => r.MeasureKey == instrument.Key)
            .OrderBy(r => r.AnsweredAt).ThenBy(r => r.Id)
            .Select(r => (Response: r, Score: instrument.Score(r.Answers)))
            .ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var baseline = ordered[0].Score.Value;
        return ordered.ConvertAll(r => new MeasurePoint(r.Response, r.Score, ReliableChange.Between(instrument, baseline, r.Score.Value)));
    }
}

/// <summary>The values of <see cref="PracticeBesideOutcome.Pattern"/> (ADHERENCE.md, "Practice beside outcome").</summary>
public static class PracticePatterns
{
    public const string PracticeAndImprovement = "practice_and_improvement";
    public const string PracticeWithoutImprovement = "practice_without_improvement";
    public const string ImprovementWithoutPractice = "improvement_without_practice";
    public const string NeitherPracticeNorImprovement = "neither";
}

/// <summary>A change of a measure over a window: the score at its start and at its end, and whether the change is reliable.</summary>
public sealed record OutcomeChange(MeasurePoint Start, MeasurePoint End, ReliableChange Change);

/// <summary>
/// Practice and outcome over the same window, as ADHERENCE.md (definitions 2026-12) defines them: the adherence rate of
/// the window, the change of the SCS-SF over it, and which of four patterns they make.
/// </summary>
public static class PracticeBesideOutcome
{
    /// <summary>From this adherence rate a client counts as practising: the line of the low_adherence flag.</summary>
    public const double PractisingRate = 0.5;

    /// <summary>
    /// The change of <paramref name="instrument"/> over the window that starts at <paramref name="windowStart"/> and
    /// ends at <paramref name="asOf"/>: from the latest response answered before the window (or, when there is none,
    /// the first answered in it) to the latest answered by asOf. Null when these are the same response or there is none.
    /// </summary>
    public static OutcomeChange? ChangeOver(Instrument instrument, IEnumerable<MeasureResponse> responses, Instant windowStart, Instant asOf)
    {
        var series = MeasureSeries.Of(instrument, responses.Where(r => r.AnsweredAt <= asOf));
        var start = series.LastOrDefault(p => p.Response.AnsweredAt < windowStart) ?? (series.Count > 0 ? series[0] : null);
        var end = series.Count > 0 ? series[^1] : null;
        return start is null || end is null || start.Response.Id == end.Response.Id
            ? null
            : new OutcomeChange(start, end, ReliableChange.Between(instrument, start.Score.Value, end.Score.Value));
    }

    /// <summary>Practising (rate at least 0.5) or not, beside reliably improved or not; null when either is unknown.</summary>
    public static string? Pattern(double? adherenceRate, OutcomeChange? change)
    {
        if (adherenceRate is not { } rate || change is null)
        {
            return null;
        }

        var practising = rate >= PractisingRate;
        var improved = change.Change.Direction == ChangeDirections.Improved;
        return (practising, improved) switch
        {
            (true, true) => PracticePatterns.PracticeAndImprovement,
            (true, false) => PracticePatterns.PracticeWithoutImprovement,
            (false, true) => PracticePatterns.ImprovementWithoutPractice,
            (false, false) => PracticePatterns.NeitherPracticeNorImprovement,
        };
    }
}
