using NodaTime;

namespace Clinic.Domain.Plans;

public enum ScheduleKind
{
    Daily,
    Weekly,
    Once,
}

/// <summary>
/// When an assignment is due. Exactly one of three shapes (see ADHERENCE.md, "Schedules and credit"):
/// daily n times (optionally on some weekdays only), weekly n times per 7-day period, or once on a due date.
/// </summary>
public sealed record Schedule
{
    public const int MaxTimesPerDay = 6;
    public const int MaxTimesPerWeek = 14;

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

    /// <summary>Daily only: whether the weekday filter lets <paramref name="date"/> through.</summary>
    public bool FallsOnWeekday(LocalDate date) => DaysOfWeek.Count == 0 || DaysOfWeek.Contains(date.DayOfWeek);

    /// <summary>The weekday set as a bit mask (bit 1 = Monday .. bit 7 = Sunday), for storage.</summary>
    public int DaysOfWeekMask => DaysOfWeek.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static IReadOnlySet<IsoDayOfWeek> DaysFromMask(int mask) =>
        Enumerable.Range(1, 7).Where(d => (mask & (1 << d)) != 0).Select(d => (IsoDayOfWeek)d).ToHashSet();

    public bool Equals(Schedule? other) =>
        other is not null && Kind == other.Kind && TimesPerDay == other.TimesPerDay && TimesPerWeek == other.TimesPerWeek
        && DueDate == other.DueDate && DaysOfWeekMask == other.DaysOfWeekMask;

    public override int GetHashCode() => HashCode.Combine(Kind, TimesPerDay, TimesPerWeek, DueDate, DaysOfWeekMask);
}
