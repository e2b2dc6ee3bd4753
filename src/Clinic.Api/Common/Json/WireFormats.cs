using NodaTime;
using NodaTime.Text;

namespace Clinic.Api.Common.Json;

/// <summary>
/// The one parser of each wire format the API reads, in JSON bodies and query strings alike: instants are ISO 8601
/// with an offset or <c>Z</c> (any offset; the instant is what counts), dates <c>yyyy-MM-dd</c>. Query parameters
/// are parsed here by hand rather than bound, so that a bad value is a 400 naming the parameter.
/// </summary>
public static class WireFormats
{
    public const string InstantMessage = "must be an ISO 8601 instant with an offset, e.g. 2026-03-10T12:00:00Z.";
    public const string DateMessage = "must be a date in the form yyyy-MM-dd.";

    /// <summary>
    /// The instant, or null when malformed. A space stands for the <c>+</c> of an offset that was not
    /// URL-encoded (<c>?asOf=2026-03-10T13:00:00+01:00</c> typed into a browser).
    /// </summary>
    public static Instant? ParseInstant(string text)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim().Replace(' ', '+'));
        if (!result.Success)
        {
            return null;
        }

        try
        {
            return result.Value.ToInstant();
        }
        catch (OverflowException)
        {
            // A local time at the very end of the calendar with a negative offset lies past the last instant.
            return null;
        }
    }

    public static LocalDate? ParseDate(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : null;
    }

    public static bool IsInstantOrAbsent(string? text) => text is null || ParseInstant(text) is not null;

    public static bool IsDateOrAbsent(string? text) => text is null || ParseDate(text) is not null;

    /// <summary>
    /// The dates the day-by-day reads (timeline, reminders) accept: wide enough for any plan, and far enough from the
    /// ends of the calendar that the days they look at around a range never leave it.
    /// </summary>
    public const string CalendarMessage = "must lie between 1900-01-01 and 2199-12-31.";

    public static bool IsWithinCalendarOrAbsent(string? text) =>
        text is null
        || (ParseDate(text) ?? ParseInstant(text)?.InUtc().Date) is not { } date
        || (date.Year >= 1900 && date.Year <= 2199);

    /// <summary>The instant of a parameter the validator has already accepted, or the default when it is absent.</summary>
    public static Instant InstantOr(string? text, Instant fallback) => text is null ? fallback : ParseInstant(text)!.Value;
}
