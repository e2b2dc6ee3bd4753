using NodaTime;
using NodaTime.Text;

namespace Clinic.Api.Common.Json;

/// <summary>
/// Local times of day on the wire: <c>HH:mm</c>, 24-hour, whole minutes (reminder times, quiet hours, the local time of
/// a completion or a reminder). Bodies carry them as strings, checked by the validators with <see cref="IsValid"/>.
/// </summary>
public static class TimeOfDayFormat
{
    public const string Message = "must be a local time of day in the form HH:mm (00:00 to 23:59).";

    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static bool IsValid(string? text) => text is not null && Pattern.Parse(text).Success;

    /// <summary>The time of a value the validator has already accepted.</summary>
    public static LocalTime Parse(string text) => Pattern.Parse(text).GetValueOrThrow();

    public static bool TryParse(string? text, out LocalTime time)
    {
        var result = text is null ? null : Pattern.Parse(text);
        time = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    /// <summary>The time to the minute (seconds are dropped, never rounded).</summary>
    public static string Format(LocalTime time) => Pattern.Format(time);
}
