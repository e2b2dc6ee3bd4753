using Clinic.Domain.Completions;
using Clinic.Domain.Measures;
using NodaTime;

namespace Clinic.Domain.Alerts;

/// <summary>
/// When a client's own submission opens a safety alert (docs/MEASURES.md, "Safety alerts"), stated once for every
/// entry point that records one: a PHQ-9 whose item 9 is above 0; a completion whose distress after is 9 or 10; a
/// skip reported as too distressing when another such skip of the client is dated within the same 7 days.
/// </summary>
public static class SafetyRules
{
    /// <summary>PHQ-9 item 9: thoughts of being better off dead or of self-harm.</summary>
    public const int Phq9SafetyItem = 9;

    /// <summary>A distress rating after practice from which an alert opens (0..10 scale).</summary>
    public const int DistressAfterThreshold = 9;

    /// <summary>Two distressing skips dated within this many consecutive days open an alert.</summary>
    public const int DistressingSkipDays = 7;

    public static AlertTrigger? For(MeasureResponse response) =>
        response.MeasureKey == Instruments.Phq9Key && response.AnswerTo(Phq9SafetyItem) is var answer and > 0
            ? new AlertTrigger(response.PracticeId, response.ClientId, AlertCause.Phq9Item9, AlertSourceType.MeasureResponse, response.Id, answer)
            : null;

    public static AlertTrigger? For(Completion completion) =>
        !completion.IsVoided && completion.DistressAfter is { } distress and >= DistressAfterThreshold
            ? new AlertTrigger(completion.PracticeId, completion.ClientId, AlertCause.HighDistressAfterPractice, AlertSourceType.Completion, completion.Id, distress)
            : null;

    /// <summary>
    /// A skip as too distressing, given the dates of the client's other skips reported as too distressing: fires when
    /// one of them lies within <see cref="DistressingSkipDays"/> consecutive days of it (at most 6 days apart).
    /// </summary>
    public static AlertTrigger? For(SkipReport skip, IEnumerable<LocalDate> otherDistressingSkipDates)
    {
        if (skip.Reason != SkipReason.TooDistressing)
        {
            return null;
        }

        var near = otherDistressingSkipDates.Count(date => Math.Abs(Period.DaysBetween(date, skip.Date)) < DistressingSkipDays);
        return near > 0
            ? new AlertTrigger(skip.PracticeId, skip.ClientId, AlertCause.RepeatedDistressingSkips, AlertSourceType.Skip, skip.Id, near + 1)
            : null;
    }

    /// <summary>The range of dates whose distressing skips count with a skip on <paramref name="date"/>.</summary>
    public static (LocalDate From, LocalDate To) SkipWindowAround(LocalDate date) =>
        (date.PlusDays(-(DistressingSkipDays - 1)), date.PlusDays(DistressingSkipDays - 1));
}
