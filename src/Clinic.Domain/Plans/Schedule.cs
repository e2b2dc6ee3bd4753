using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Plans;

public enum ScheduleKind
{
    Daily,
    Weekly,
    Once,

    /// <summary>The therapist's "use this whenever it gets hard": never due, never expected, never reminded.</summary>
    AsNeeded,
}

/// <summary>
/// When an assignment is due. Exactly one of four shapes (see ADHERENCE.md, "Schedules and credit" and
/// "As-needed practice"): daily n times (optionally on some weekdays only), weekly n times per 7-day period, once
/// on a due date, or as needed (never due: the client uses it whenever it gets hard). The first three may name local
/// times of day at which the client wants to be reminded (<see cref="TimesOfDay"/>); those never change what is due
/// or credited. An as-needed practice is never reminded.
/// </summary>
public sealed record Schedule
{
    public const int MaxTimesPerDay = 6;
    public const int MaxTimesPerWeek = 14;

    /// <summary>At most this many reminder times per schedule, whatever its kind and count.</summary>
    public const int MaxTimesOfDay = 6;

    private Schedule(ScheduleKind kind, int timesPerDay, IReadOnlySet<IsoDayOfWeek> daysOfWeek, int timesPerWeek, LocalDate? dueDate)
    {
        Kind = kind;
        TimesPerDay = timesPerDay;
        DaysOfWeek = daysOfWeek;
        TimesPerWeek = timesPerWeek;
        DueDate = dueDate;
    }

    public ScheduleKind Kind { get; }

    /// <summary>Daily only: completions credited per due day.</summary>
    public int TimesPerDay { get; }

    /// <summary>Daily only: the weekdays it is due on; empty means every day.</summary>
    public IReadOnlySet<IsoDayOfWeek> DaysOfWeek { get; }

    /// <summary>Weekly only: completions credited per 7-day period.</summary>
    public int TimesPerWeek { get; }

    /// <summary>Once only: the day it is due.</summary>
    public LocalDate? DueDate { get; }

    /// <summary>
    /// Local times of day (whole minutes, distinct, in order) at which to remind the client on a day the assignment
    /// is due; empty when the client is not reminded. They say when, not how many: the count comes from the schedule.
    /// </summary>
    public IReadOnlyList<LocalTime> TimesOfDay { get; private init; } = [];

    public static Schedule Daily(int timesPerDay, IEnumerable<IsoDayOfWeek>? daysOfWeek = null)
    {
        if (timesPerDay is < 1 or > MaxTimesPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(timesPerDay), timesPerDay, $"timesPerDay must be 1..{MaxTimesPerDay}.");
        }

        var days = new HashSet<IsoDayOfWeek>(daysOfWeek ?? []);
        if (days.Contains(IsoDayOfWeek.None))
        {
            throw new ArgumentOutOfRangeException(nameof(daysOfWeek), "daysOfWeek may only name real weekdays.");
        }

        return new Schedule(ScheduleKind.Daily, timesPerDay, days, 0, null);
    }

    public static Schedule Weekly(int timesPerWeek)
    {
        if (timesPerWeek is < 1 or > MaxTimesPerWeek)
        {
            throw new ArgumentOutOfRangeException(nameof(timesPerWeek), timesPerWeek, $"timesPerWeek must be 1..{MaxTimesPerWeek}.");
        }

        return new Schedule(ScheduleKind.Weekly, 0, new HashSet<IsoDayOfWeek>(), timesPerWeek, null);
    }

    public static Schedule Once(LocalDate dueDate) =>
        new(ScheduleKind.Once, 0, new HashSet<IsoDayOfWeek>(), 0, dueDate);

    public static Schedule AsNeeded() =>
        new(ScheduleKind.AsNeeded, 0, new HashSet<IsoDayOfWeek>(), 0, null);

    /// <summary>Whether the schedule ever makes practice due (every kind but as-needed).</summary>
    public bool IsScheduled => Kind != ScheduleKind.AsNeeded;

    /// <summary>
    /// The rule for reminder times, stated once (the API's validator reports it, this type enforces it): at most
    /// <see cref="MaxTimesOfDay"/> of them, each a whole minute, none twice. Null when the times keep it.
    /// </summary>
    public static string? TimesOfDayProblem(IReadOnlyCollection<LocalTime> timesOfDay)
    {
        ArgumentNullException.ThrowIfNull(timesOfDay);
        if (timesOfDay.Count > MaxTimesOfDay)
        {
            return $"timesOfDay holds at most {MaxTimesOfDay} times.";
        }

        if (timesOfDay.Any(t => t.Second != 0 || t.NanosecondOfSecond != 0))
        {
            return "timesOfDay are whole minutes (HH:mm).";
        }

        return timesOfDay.Distinct().Count() != timesOfDay.Count ? "timesOfDay must not repeat a time." : null;
    }

    /// <summary>The same schedule with these reminder times, kept in order; an empty list removes them.</summary>
    public Schedule WithTimesOfDay(IEnumerable<LocalTime>? timesOfDay)
    {
        List<LocalTime> times = [.. timesOfDay ?? []];
        if (TimesOfDayProblem(times) is { } problem)
        {
            throw new ArgumentException(problem, nameof(timesOfDay));
        }

        if (!IsScheduled && times.Count > 0)
        {
            throw new DomainException("as_needed_not_reminded", "An as-needed practice is never due, so it has no reminder times (timesOfDay).", "timesOfDay");
        }

        times.Sort();
        return this with { TimesOfDay = times };
    }

    /// <summary>Whether two schedules make the same practice due, whatever their reminder times.</summary>
    public bool DueAlike(Schedule other) => WithTimesOfDay([]).Equals(other.WithTimesOfDay([]));

    /// <summary>Daily only: whether the weekday filter lets <paramref name="date"/> through.</summary>
    public bool FallsOnWeekday(LocalDate date) => DaysOfWeek.Count == 0 || DaysOfWeek.Contains(date.DayOfWeek);

    /// <summary>The weekday set as a bit mask (bit 1 = Monday .. bit 7 = Sunday), for storage.</summary>
    public int DaysOfWeekMask => DaysOfWeek.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static IReadOnlySet<IsoDayOfWeek> DaysFromMask(int mask) =>
        Enumerable.Range(1, 7).Where(d => (mask & (1 << d)) != 0).Select(d => (IsoDayOfWeek)d).ToHashSet();

    public bool Equals(Schedule? other) =>
        other is not null && Kind == other.Kind && TimesPerDay == other.TimesPerDay && TimesPerWeek == other.TimesPerWeek
        && DueDate == other.DueDate && DaysOfWeekMask == other.DaysOfWeekMask && TimesOfDay.SequenceEqual(other.TimesOfDay);

    public override int GetHashCode() => HashCode.Combine(Kind, TimesPerDay, TimesPerWeek, DueDate, DaysOfWeekMask, TimesOfDay.Count);
}
