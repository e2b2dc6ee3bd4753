using Clinic.Api.Common.Json;
using Clinic.Api.Features.Plans;
using Clinic.Domain.Plans;
using Hl7.Fhir.Model;
using NodaTime;
using Hl7.Fhir.Utility;
using Duration = Hl7.Fhir.Model.Duration;
using Period = Hl7.Fhir.Model.Period;
using Schedule = Clinic.Domain.Plans.Schedule;
using NodaTime.Text;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// An assignment's schedule ⇄ <c>CarePlan.activity.detail.scheduled[x]</c>, exactly or not at all:
/// <list type="bullet">
/// <item><c>scheduledTiming.repeat</c> frequency n, period 1, periodUnit <c>d</c> (optional dayOfWeek) ⇄ daily n (1..6);</item>
/// <item>frequency n, period 1, periodUnit <c>wk</c> ⇄ weekly n (1..14);</item>
/// <item>one <c>scheduledTiming.event</c> date, or <c>scheduledPeriod</c> with start = end, or repeat count 1 with a one-day boundsPeriod ⇄ once on that date;</item>
/// <item><c>repeat.boundsPeriod</c> ⇄ the assignment's own start and end dates;</item>
/// <item><c>repeat.timeOfDay</c> (whole minutes, <c>hh:mm:00</c>) ⇄ the reminder times (timesOfDay), with any of the above;</item>
/// <item>no <c>scheduled[x]</c> at all ⇄ as needed over the plan's dates, and a <c>scheduledTiming</c> whose repeat holds only
/// a boundsPeriod ⇄ as needed over those dates: an activity without a schedule is done whenever the client needs it.</item>
/// </list>
/// Anything else (hours, months, periods other than 1, ranges, when, offsets, durations, several events, text)
/// is refused with the element that cannot be represented: counting it approximately would make the adherence numbers wrong.
/// </summary>
public static class TimingMapping
{
    private static readonly (DaysOfWeek Fhir, IsoDayOfWeek Iso)[] Weekdays =
    [
        (DaysOfWeek.Mon, IsoDayOfWeek.Monday), (DaysOfWeek.Tue, IsoDayOfWeek.Tuesday), (DaysOfWeek.Wed, IsoDayOfWeek.Wednesday),
        (DaysOfWeek.Thu, IsoDayOfWeek.Thursday), (DaysOfWeek.Fri, IsoDayOfWeek.Friday), (DaysOfWeek.Sat, IsoDayOfWeek.Saturday),
        (DaysOfWeek.Sun, IsoDayOfWeek.Sunday),
    ];

    /// <summary>The schedule an activity's detail describes, with the FHIR element each schedule field came from.</summary>
    public sealed record ScheduleRead(ScheduleModel Schedule, LocalDate? StartDate, LocalDate? EndDate, IReadOnlyDictionary<string, string> FieldPaths);

    public static ScheduleRead? Read(DataType? scheduled, string detailPath, FhirIssues issues) => scheduled switch
    {
        null => new ScheduleRead(new ScheduleModel(ScheduleKind.AsNeeded), null, null, new Dictionary<string, string> { ["schedule"] = detailPath }),
        FhirString => Refuse(issues, $"{detailPath}.scheduledString", "A schedule in free text cannot be counted; use scheduledTiming.", "not-supported"),
        Period period => ReadPeriod(period, $"{detailPath}.scheduledPeriod", issues),
        Timing timing => ReadTiming(timing, $"{detailPath}.scheduledTiming", issues),
        _ => Refuse(issues, $"{detailPath}.scheduled[x]", "Unsupported schedule type.", "not-supported"),
    };

    /// <summary>The activity's scheduled[x]; none for an as-needed assignment over the plan's own dates.</summary>
    public static Timing? ToTiming(AssignmentResponse assignment, PlanResponse plan)
    {
        var schedule = assignment.Schedule;
        var timing = new Timing();
        var repeat = new Timing.RepeatComponent();
        switch (schedule.Kind)
        {
            case ScheduleKind.AsNeeded:
                break;
            case ScheduleKind.Daily:
                (repeat.Frequency, repeat.Period, repeat.PeriodUnit) = (schedule.TimesPerDay, 1, Timing.UnitsOfTime.D);
                repeat.DayOfWeek = (schedule.DaysOfWeek ?? []).Select(d => (DaysOfWeek?)Weekdays.First(w => w.Iso == d).Fhir).ToList();
                break;
            case ScheduleKind.Weekly:
                (repeat.Frequency, repeat.Period, repeat.PeriodUnit) = (schedule.TimesPerWeek, 1, Timing.UnitsOfTime.Wk);
                break;
            default:
                timing.EventElement = [new FhirDateTime(Date(schedule.DueDate!.Value))];
                break;
        }

        if (assignment.StartDate != plan.StartDate || assignment.EndDate != plan.EndDate)
        {
            repeat.Bounds = new Period { Start = Date(assignment.StartDate), End = Date(assignment.EndDate) };
        }

        repeat.TimeOfDayElement = [.. (schedule.TimesOfDay ?? []).Select(t => new Time($"{t}:00"))];
        if (schedule.Kind is ScheduleKind.Daily or ScheduleKind.Weekly || repeat.Bounds is not null || repeat.TimeOfDayElement.Count > 0)
        {
            timing.Repeat = repeat;
        }

        return schedule.Kind == ScheduleKind.AsNeeded && timing.Repeat is null ? null : timing;
    }

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A FHIR date or dateTime that is a whole date (<c>yyyy-MM-dd</c>); a time of day or a partial date is refused.</summary>
    public static LocalDate? ReadDate(string? value, string path, FhirIssues issues)
    {
        if (value is null)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(value);
        if (result.Success)
        {
            return result.Value;
        }

        return value.Contains('T', StringComparison.Ordinal)
            ? RefuseDate(issues, path, "Use a date without a time of day (yyyy-MM-dd): plans and schedules run on the client's local dates.")
            : RefuseDate(issues, path, "Use a full date (yyyy-MM-dd).");
    }

    private static ScheduleRead? ReadPeriod(Period period, string path, FhirIssues issues)
    {
        var start = ReadDate(period.Start, $"{path}.start", issues);
        var end = ReadDate(period.End, $"{path}.end", issues);
        if (start is null || end is null || start != end)
        {
            return Refuse(issues, path, "A scheduledPeriod can only stand for a single due day (start = end); use scheduledTiming for recurring practice.", "not-supported");
        }

        return new ScheduleRead(new ScheduleModel(ScheduleKind.Once, DueDate: start), null, null, new Dictionary<string, string> { ["schedule"] = path, ["schedule.dueDate"] = $"{path}.start" });
    }

    private static ScheduleRead? ReadTiming(Timing timing, string path, FhirIssues issues)
    {
        var before = issues.Count;
        if (timing.ModifierExtension.Count > 0)
        {
            issues.Unprocessable($"{path}.modifierExtension", "Modifier extensions on a timing are not understood.", "not-supported");
        }

        var repeat = timing.Repeat;
        var events = timing.EventElement;
        if (events.Count > 1)
        {
            issues.Unprocessable($"{path}.event", "Several events cannot be represented; a timing with one event date is a one-off assignment, recurring practice needs repeat.", "not-supported");
        }

        if (timing.Code is not null && (repeat?.PeriodUnit is null || events.Count > 0))
        {
            issues.Unprocessable($"{path}.code", "Timing codes are not interpreted; spell the schedule out in repeat (frequency, period, periodUnit).", "not-supported");
        }

        if (repeat is null && events.Count == 0)
        {
            issues.Unprocessable(path, "Give repeat (frequency, period 1, periodUnit d or wk) or a single event date.", "required");
        }

        List<string>? timesOfDay = null;
        if (repeat is not null)
        {
            RefuseUnrepresentable(repeat, $"{path}.repeat", issues);
            timesOfDay = ReadTimesOfDay(repeat, $"{path}.repeat", issues);
        }

        if (issues.Count > before)
        {
            return null;
        }

        var paths = new Dictionary<string, string> { ["schedule"] = path, ["schedule.timesOfDay"] = $"{path}.repeat.timeOfDay" };
        var (start, end) = ReadBounds(repeat, $"{path}.repeat", issues, paths);
        var read = events.Count == 1
            ? OnlyBounds(repeat, $"{path}.repeat", issues) && ReadDate(events[0].Value, $"{path}.event[0]", issues) is { } due
                ? Once(due, start, end, paths, $"{path}.event[0]")
                : null
            : repeat is { Bounds: Period } && SaysNothingOfFrequency(repeat) && repeat.TimeOfDayElement.Count == 0 && timing.Code is null
                ? new ScheduleRead(new ScheduleModel(ScheduleKind.AsNeeded), start, end, paths)
                : ReadRepeat(repeat!, $"{path}.repeat", start, end, issues, paths);
        return read is null || timesOfDay is null ? read : read with { Schedule = read.Schedule with { TimesOfDay = timesOfDay } };
    }

    /// <summary>
    /// The reminder times of <c>repeat.timeOfDay</c> as HH:mm, or null when there are none. A FHIR time carries seconds;
    /// only whole minutes can be represented. How many and whether one repeats is checked with the plan, as over REST.
    /// </summary>
    private static List<string>? ReadTimesOfDay(Timing.RepeatComponent repeat, string path, FhirIssues issues)
    {
        if (repeat.TimeOfDayElement.Count == 0)
        {
            return null;
        }

        var times = new List<string>();
        for (var i = 0; i < repeat.TimeOfDayElement.Count; i++)
        {
            var value = repeat.TimeOfDayElement[i]?.Value;
            if (value is { Length: 8 } && value.EndsWith(":00", StringComparison.Ordinal) && TimeOfDayFormat.IsValid(value[..5]))
            {
                times.Add(value[..5]);
            }
            else
            {
                issues.Unprocessable($"{path}.timeOfDay[{i}]", "A reminder time is a whole minute of the day (hh:mm:00).", "value");
            }
        }

        return times;
    }

    private static ScheduleRead? ReadRepeat(Timing.RepeatComponent repeat, string path, LocalDate? start, LocalDate? end, FhirIssues issues, Dictionary<string, string> paths)
    {
        if (repeat.Count == 1)
        {
            // "Once, within a single day" is a one-off due that day; once within a longer range has no due date.
            return start is not null && start == end && repeat.PeriodUnit is null && repeat.Frequency is null or 1
                ? Once(start.Value, null, null, paths, $"{path}.boundsPeriod.start")
                : Refuse(issues, $"{path}.count", "count 1 is only understood with a one-day boundsPeriod (a one-off due that day); otherwise use a single event date.", "not-supported");
        }

        if (repeat.PeriodUnit is null)
        {
            return Refuse(issues, $"{path}.periodUnit", "Say d (daily) or wk (weekly).", "required");
        }

        if (repeat.Period is null)
        {
            return Refuse(issues, $"{path}.period", "Give period 1.", "required");
        }

        if (repeat.Period != 1)
        {
            return Refuse(issues, $"{path}.period", $"Every {repeat.Period} {repeat.PeriodUnit.Value.GetLiteral()} cannot be represented; only period 1 (per day or per week) can.", "not-supported");
        }

        var frequency = repeat.Frequency ?? 1;
        paths["schedule.timesPerDay"] = paths["schedule.timesPerWeek"] = $"{path}.frequency";
        paths["schedule.daysOfWeek"] = $"{path}.dayOfWeek";
        switch (repeat.PeriodUnit)
        {
            case Timing.UnitsOfTime.D when frequency is < 1 or > Schedule.MaxTimesPerDay:
                return Refuse(issues, $"{path}.frequency", $"A daily schedule is 1 to {Schedule.MaxTimesPerDay} times a day.");
            case Timing.UnitsOfTime.D:
                var days = repeat.DayOfWeek.Select(d => Weekdays.First(w => w.Fhir == d).Iso).ToList();
                return new ScheduleRead(new ScheduleModel(ScheduleKind.Daily, frequency, days.Count == 0 ? null : days), start, end, paths);
            case Timing.UnitsOfTime.Wk when repeat.DayOfWeek.Any():
                return Refuse(issues, $"{path}.dayOfWeek", "A weekly schedule cannot be tied to weekdays; use periodUnit d with dayOfWeek for practice on given days.", "not-supported");
            case Timing.UnitsOfTime.Wk when frequency is < 1 or > Schedule.MaxTimesPerWeek:
                return Refuse(issues, $"{path}.frequency", $"A weekly schedule is 1 to {Schedule.MaxTimesPerWeek} times a week.");
            case Timing.UnitsOfTime.Wk:
                return new ScheduleRead(new ScheduleModel(ScheduleKind.Weekly, TimesPerWeek: frequency), start, end, paths);
            default:
                return Refuse(issues, $"{path}.periodUnit", $"periodUnit {repeat.PeriodUnit.Value.GetLiteral()} cannot be represented; only d (daily) and wk (weekly) can.", "not-supported");
        }
    }

    private static ScheduleRead Once(LocalDate due, LocalDate? start, LocalDate? end, Dictionary<string, string> paths, string duePath)
    {
        paths["schedule.dueDate"] = duePath;
        return new ScheduleRead(new ScheduleModel(ScheduleKind.Once, DueDate: due), start, end, paths);
    }

    private static (LocalDate? Start, LocalDate? End) ReadBounds(Timing.RepeatComponent? repeat, string path, FhirIssues issues, Dictionary<string, string> paths)
    {
        if (repeat?.Bounds is not Period bounds)
        {
            return (null, null);
        }

        paths["startDate"] = $"{path}.boundsPeriod.start";
        paths["endDate"] = $"{path}.boundsPeriod.end";
        return (ReadDate(bounds.Start, $"{path}.boundsPeriod.start", issues), ReadDate(bounds.End, $"{path}.boundsPeriod.end", issues));
    }

    /// <summary>With a single event, repeat may only narrow the dates (boundsPeriod).</summary>
    private static bool OnlyBounds(Timing.RepeatComponent? repeat, string path, FhirIssues issues)
    {
        if (repeat is null || SaysNothingOfFrequency(repeat))
        {
            return true;
        }

        issues.Unprocessable(path, "A timing with an event date is a one-off; repeat may only carry boundsPeriod then.", "not-supported");
        return false;
    }

    /// <summary>Whether a repeat says nothing of how often: no frequency, period, count or weekdays.</summary>
    private static bool SaysNothingOfFrequency(Timing.RepeatComponent repeat) =>
        repeat.Frequency is null && repeat.Period is null && repeat.PeriodUnit is null && repeat.Count is null && !repeat.DayOfWeek.Any();

    private static ScheduleRead? Refuse(FhirIssues issues, string path, string message, string code = "business-rule")
    {
        issues.Unprocessable(path, message, code);
        return null;
    }

    private static LocalDate? RefuseDate(FhirIssues issues, string path, string message)
    {
        issues.Unprocessable(path, message, "value");
        return null;
    }

    private static void RefuseUnrepresentable(Timing.RepeatComponent repeat, string path, FhirIssues issues)
    {
        var refused = new List<(bool Present, string Element)>
        {
            (repeat.Bounds is Duration, "boundsDuration"),
            (repeat.Bounds is Hl7.Fhir.Model.Range, "boundsRange"),
            (repeat.Count is > 1, "count"),
            (repeat.CountMax is not null, "countMax"),
            (repeat.Duration is not null, "duration"),
            (repeat.DurationMax is not null, "durationMax"),
            (repeat.DurationUnit is not null, "durationUnit"),
            (repeat.FrequencyMax is not null, "frequencyMax"),
            (repeat.PeriodMax is not null, "periodMax"),
            (repeat.WhenElement.Count > 0, "when"),
            (repeat.Offset is not null, "offset"),
        };
        foreach (var (_, element) in refused.Where(r => r.Present))
        {
            issues.Unprocessable($"{path}.{element}", Why(element), "not-supported");
        }
    }

    private static string Why(string element) => element switch
    {
        "count" => "A total number of occurrences cannot be represented; adherence counts per day or per week.",
        "when" or "offset" => "Times relative to events of daily life cannot be represented; give reminder times as timeOfDay (hh:mm:00).",
        "duration" or "durationMax" or "durationUnit" => "How long each practice lasts cannot be represented; put it in the description.",
        "frequencyMax" or "periodMax" or "countMax" => "Ranges (\"2 to 3 times\") cannot be counted exactly; give one frequency.",
        _ => $"{element} cannot be represented; use boundsPeriod for the assignment's dates.",
    };
}
