using System.Globalization;
using System.Text.Json;
using Clinic.Api.Features.Alerts;
using Clinic.Domain.Adherence;
using Clinic.Domain.Alerts;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Api.Features.Web;

/// <summary>
/// How the pages write the API's values for people: the words for flags and skip reasons, and numbers, dates and
/// times in one format everywhere. It formats; it computes no figure.
/// </summary>
public static class Display
{
    public const string None = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Flags in ADHERENCE.md's words: a label, and what it means for this client.</summary>
    private static readonly Dictionary<string, (string Label, string Meaning)> Flags = new()
    {
        [AdherenceFlags.NotStarted] = ("Not started", "Practice was due and none has been logged in the period."),
        [AdherenceFlags.LowAdherence] = ("Low adherence", "Less than half of the practice that was due was done."),
        [AdherenceFlags.Inactive] = ("Inactive", "Practice was due in the last three days and none was logged."),
        [AdherenceFlags.Declining] = ("Declining", "The last seven days' rate fell by 15 points or more against the seven before."),
        [AdherenceFlags.HighDistress] = ("High distress", "Distress was 8 or more out of 10 after a practice."),
        [AdherenceFlags.ReflectionsToReview] = ("Reflections to review", "The client shared reflections with you."),
    };

    /// <summary>The flags that call for a look before anything else.</summary>
    public static bool IsUrgent(string flag) => flag is AdherenceFlags.HighDistress or AdherenceFlags.Inactive or AdherenceFlags.NotStarted;

    public static string FlagLabel(string flag) => Flags.TryGetValue(flag, out var words) ? words.Label : flag;

    public static string FlagMeaning(string flag) => Flags.TryGetValue(flag, out var words) ? words.Meaning : "";

    public static string SkipReasonLabel(SkipReason reason) => reason switch
    {
        SkipReason.Forgot => "forgot",
        SkipReason.NoTime => "no time",
        SkipReason.TooDistressing => "too distressing",
        SkipReason.Unclear => "unclear",
        SkipReason.NotHelpful => "not helpful",
        _ => "other",
    };

    /// <summary>A skip reason by its wire name (the keys of a summary's <c>skips</c>: snake_case, as the JSON writes the enum).</summary>
    public static string SkipReasonLabel(string wireName)
    {
        foreach (var reason in Enum.GetValues<SkipReason>())
        {
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()) == wireName)
            {
                return SkipReasonLabel(reason);
            }
        }

        return wireName;
    }

    /// <summary>A rate in 0..1 as a whole percentage, halves rounded up.</summary>
    public static string Percent(double? rate) =>
        rate is { } value ? Math.Round(value * 100, MidpointRounding.AwayFromZero).ToString(Invariant) + "%" : None;

    public static string OneDecimal(double? value) => value is { } number ? number.ToString("0.0", Invariant) : None;

    /// <summary>A change in distress: negative is relief.</summary>
    public static string Change(double? value) => value switch
    {
        null => None,
        < 0 => "−" + (-value.Value).ToString("0.0", Invariant),
        > 0 => "+" + value.Value.ToString("0.0", Invariant),
        _ => "0.0",
    };

    public static string Count(int value) => value.ToString(Invariant);

    /// <summary>The exact value as the JSON answers write it, for <c>data-value</c>.</summary>
    public static string Raw(int value) => value.ToString(Invariant);

    /// <inheritdoc cref="Raw(int)"/>
    public static string Raw(double? value) => value is { } number ? number.ToString("R", Invariant) : "";

    public static string Date(LocalDate date) => date.ToString("ddd d MMM", Invariant);

    public static string ShortDate(LocalDate date) => date.ToString("d MMM", Invariant);

    public static string IsoDate(LocalDate date) => date.ToString("yyyy-MM-dd", Invariant);

    public static string DateTime(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToString("ddd d MMM, HH:mm", Invariant);

    /// <summary>The local date and time without an offset, for a chart's time axis in the client's zone.</summary>
    public static string LocalIso(Instant instant, DateTimeZone zone) => instant.InZone(zone).LocalDateTime.ToString("yyyy-MM-dd'T'HH:mm", Invariant);

    public static string DaysAgo(int? days) => days switch
    {
        null => "never",
        0 => "today",
        1 => "yesterday",
        _ => $"{days} days ago",
    };

    public static string Schedule(Schedule schedule) => schedule.Kind switch
    {
        ScheduleKind.Daily when schedule.DaysOfWeek.Count is > 0 and < 7 =>
            $"{Times(schedule.TimesPerDay)} a day on {string.Join(", ", schedule.DaysOfWeek.Order().Select(d => d.ToString()[..3]))}",
        ScheduleKind.Daily => $"{Times(schedule.TimesPerDay)} a day",
        ScheduleKind.Weekly => $"{Times(schedule.TimesPerWeek)} a week",
        ScheduleKind.AsNeeded => "whenever it gets hard",
        _ => schedule.DueDate is { } due ? $"once, by {Date(due)}" : "once",
    };

    /// <summary>A safety alert's cause as the API writes it (<c>phq9_item9</c>).</summary>
    public static string AlertCauseKey(AlertCause cause) => JsonNamingPolicy.SnakeCaseLower.ConvertName(cause.ToString());

    /// <summary>A safety alert in a few words: what opened it, and whether someone has acknowledged it.</summary>
    public static string AlertLabel(AlertResponse alert) =>
        (alert.Cause switch
        {
            AlertCause.Phq9Item9 => "Safety alert: PHQ-9 item 9",
            AlertCause.HighDistressAfterPractice => "Safety alert: distress after practice",
            AlertCause.RepeatedDistressingSkips => "Safety alert: practice skipped as too distressing",
            _ => "Safety alert",
        }) + (alert.Acknowledged ? " (acknowledged)" : " (not yet acknowledged)");

    /// <summary>What the client answered, how often, and when last.</summary>
    public static string AlertMeaning(AlertResponse alert, DateTimeZone zone)
    {
        var what = alert.Cause switch
        {
            AlertCause.Phq9Item9 => $"The client answered {alert.Value} of 3 to thoughts that they would be better off dead or of hurting themselves.",
            AlertCause.HighDistressAfterPractice => $"The client rated their distress {alert.Value} of 10 after a practice.",
            AlertCause.RepeatedDistressingSkips => $"The client skipped practice as too distressing {Times(alert.Value)} within 7 days.",
            _ => $"Value {alert.Value}.",
        };
        var again = alert.TriggerCount > 1 ? $" Raised {Times(alert.TriggerCount)} since it opened." : "";
        return $"{what}{again} Last on {DateTime(alert.LastTriggeredAt, zone)}.";
    }

    /// <summary>A measure's score: whole points as they are, a mean to two decimals.</summary>
    public static string Score(double score) => score == Math.Floor(score) ? score.ToString("0", Invariant) : score.ToString("0.00", Invariant);

    /// <summary>Reliable change in words (MEASURES.md).</summary>
    public static string Direction(string direction) => direction switch
    {
        "improved" => "reliably improved",
        "deteriorated" => "reliably worse",
        _ => "no reliable change",
    };

    public static string Times(int count) => count switch
    {
        1 => "once",
        2 => "twice",
        _ => $"{count} times",
    };
}
