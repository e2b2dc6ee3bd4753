using NodaTime;

namespace Clinic.Domain.Reminders;

/// <summary>
/// Local hours in which the client wants no reminder: from <see cref="Start"/> (included) to <see cref="End"/>
/// (excluded). A span across midnight (22:00 to 07:00) is the usual case; start and end may not be equal, since
/// that would mean either nothing or everything.
/// </summary>
public sealed record QuietHours
{
    private QuietHours(LocalTime start, LocalTime end) => (Start, End) = (start, end);

    public LocalTime Start { get; }

    public LocalTime End { get; }

    /// <summary>The rule, stated once (the API's validator reports it, <see cref="Create"/> enforces it); null when kept.</summary>
    public static string? Problem(LocalTime start, LocalTime end) =>
        start == end ? "quietHours.start and quietHours.end must differ (to turn reminders off, set enabled to false)." : null;

    public static QuietHours Create(LocalTime start, LocalTime end) =>
        Problem(start, end) is { } problem ? throw new ArgumentException(problem, nameof(end)) : new QuietHours(start, end);

    /// <summary>Whether a local time of day falls in the quiet hours.</summary>
    public bool Contains(LocalTime time) => Start < End ? time >= Start && time < End : time >= Start || time < End;
}
