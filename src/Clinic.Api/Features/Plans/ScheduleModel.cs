using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Clinic.Api.Common.Json;
using Clinic.Domain.Plans;
using FluentValidation;
using NodaTime;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// A schedule on the wire: <c>{"kind":"daily","timesPerDay":2,"daysOfWeek":["monday"]}</c>,
/// <c>{"kind":"weekly","timesPerWeek":3}</c>, <c>{"kind":"once","dueDate":"2026-03-12"}</c> or <c>{"kind":"asNeeded"}</c>
/// (whenever it gets hard: never expected, never reminded). The first three may add
/// <c>"timesOfDay":["08:00","20:00"]</c>: local times (HH:mm) at which the client app reminds the client on a day the
/// practice is due. They never change what is due or credited; they are omitted when there are none.
/// </summary>
public sealed record ScheduleModel(
    ScheduleKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TimesPerDay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IsoDayOfWeek>? DaysOfWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TimesPerWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? DueDate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? TimesOfDay = null)
{
    public static ScheduleModel From(Schedule schedule)
    {
        var model = schedule.Kind switch
        {
            ScheduleKind.Daily => new ScheduleModel(ScheduleKind.Daily, schedule.TimesPerDay, [.. schedule.DaysOfWeek.Order()]),
            ScheduleKind.Weekly => new ScheduleModel(ScheduleKind.Weekly, TimesPerWeek: schedule.TimesPerWeek),
            ScheduleKind.AsNeeded => new ScheduleModel(ScheduleKind.AsNeeded),
            _ => new ScheduleModel(ScheduleKind.Once, DueDate: schedule.DueDate),
        };
        return schedule.TimesOfDay.Count == 0 ? model : model with { TimesOfDay = [.. schedule.TimesOfDay.Select(TimeOfDayFormat.Format)] };
    }

    public Schedule ToSchedule()
    {
        var schedule = Kind switch
        {
            ScheduleKind.Daily => Schedule.Daily(TimesPerDay ?? 1, DaysOfWeek),
            ScheduleKind.Weekly => Schedule.Weekly(TimesPerWeek ?? 1),
            ScheduleKind.AsNeeded => Schedule.AsNeeded(),
            _ => Schedule.Once(DueDate!.Value),
        };
        return TimesOfDay is null ? schedule : schedule.WithTimesOfDay(TimesOfDay.Select(TimeOfDayFormat.Parse));
    }
}

/// <summary>
/// Reminder times as sent: each HH:mm, and together within the rule <see cref="Schedule.TimesOfDayProblem"/> states
/// (at most six, none twice). Shared by schedules and by changes of an assignment's reminder times.
/// </summary>
public static class TimesOfDayRules
{
    public static void ValidateTimesOfDay<T>(this AbstractValidator<T> validator, Expression<Func<T, IEnumerable<string>?>> timesOfDay)
    {
        validator.RuleForEach(timesOfDay!).Must(TimeOfDayFormat.IsValid).WithMessage("Each of timesOfDay " + TimeOfDayFormat.Message);
        validator.RuleFor(timesOfDay)
            .Must(times => times is null || !times.All(TimeOfDayFormat.IsValid) || Problem(times) is null)
            .WithMessage((_, times) => Problem(times!)!);
    }

    private static string? Problem(IEnumerable<string> times) => Schedule.TimesOfDayProblem([.. times.Select(TimeOfDayFormat.Parse)]);
}

public sealed class ScheduleModelValidator : AbstractValidator<ScheduleModel>
{
    public ScheduleModelValidator()
    {
        RuleFor(s => s.Kind).IsInEnum();
        this.ValidateTimesOfDay(s => s.TimesOfDay);
        When(s => s.Kind == ScheduleKind.Daily, () =>
        {
            RuleFor(s => s.TimesPerDay).NotNull().InclusiveBetween(1, Schedule.MaxTimesPerDay);
            RuleFor(s => s.TimesPerWeek).Null().WithMessage("timesPerWeek belongs to weekly schedules.");
            RuleFor(s => s.DueDate).Null().WithMessage("dueDate belongs to once schedules.");
            RuleForEach(s => s.DaysOfWeek).Must(d => d != IsoDayOfWeek.None).WithMessage("Name weekdays, e.g. \"monday\".");
            RuleFor(s => s.DaysOfWeek).Must(d => d is null || d.Distinct().Count() == d.Count).WithMessage("daysOfWeek must not repeat a day.");
        });
        When(s => s.Kind == ScheduleKind.Weekly, () =>
        {
            RuleFor(s => s.TimesPerWeek).NotNull().InclusiveBetween(1, Schedule.MaxTimesPerWeek);
            RuleFor(s => s.TimesPerDay).Null().WithMessage("timesPerDay belongs to daily schedules.");
            RuleFor(s => s.DaysOfWeek).Null().WithMessage("daysOfWeek belongs to daily schedules.");
            RuleFor(s => s.DueDate).Null().WithMessage("dueDate belongs to once schedules.");
        });
        When(s => s.Kind == ScheduleKind.Once, () =>
        {
            RuleFor(s => s.DueDate).NotNull();
            RuleFor(s => s.TimesPerDay).Null().WithMessage("timesPerDay belongs to daily schedules.");
            RuleFor(s => s.TimesPerWeek).Null().WithMessage("timesPerWeek belongs to weekly schedules.");
            RuleFor(s => s.DaysOfWeek).Null().WithMessage("daysOfWeek belongs to daily schedules.");
        });
        When(s => s.Kind == ScheduleKind.AsNeeded, () =>
        {
            RuleFor(s => s.TimesPerDay).Null().WithMessage("timesPerDay belongs to daily schedules.");
            RuleFor(s => s.TimesPerWeek).Null().WithMessage("timesPerWeek belongs to weekly schedules.");
            RuleFor(s => s.DaysOfWeek).Null().WithMessage("daysOfWeek belongs to daily schedules.");
            RuleFor(s => s.DueDate).Null().WithMessage("dueDate belongs to once schedules.");
            // Typed as ValidateTimesOfDay reads the property: FluentValidation caches one accessor per property.
            Expression<Func<ScheduleModel, IEnumerable<string>?>> timesOfDay = s => s.TimesOfDay;
            RuleFor(timesOfDay).Null().WithMessage("An as-needed practice is never due, so it has no reminder times (timesOfDay).");
        });
    }
}
