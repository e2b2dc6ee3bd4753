using System.Text.Json.Serialization;
using Clinic.Domain.Plans;
using FluentValidation;
using NodaTime;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// A schedule on the wire: <c>{"kind":"daily","timesPerDay":2,"daysOfWeek":["monday"]}</c>,
/// <c>{"kind":"weekly","timesPerWeek":3}</c> or <c>{"kind":"once","dueDate":"2026-03-12"}</c>.
/// </summary>
public sealed record ScheduleModel(
    ScheduleKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TimesPerDay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IsoDayOfWeek>? DaysOfWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TimesPerWeek = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LocalDate? DueDate = null)
{
    public static ScheduleModel From(Schedule schedule) => schedule.Kind switch
    {
        ScheduleKind.Daily => new ScheduleModel(ScheduleKind.Daily, schedule.TimesPerDay, [.. schedule.DaysOfWeek.Order()]),
        ScheduleKind.Weekly => new ScheduleModel(ScheduleKind.Weekly, TimesPerWeek: schedule.TimesPerWeek),
        _ => new ScheduleModel(ScheduleKind.Once, DueDate: schedule.DueDate),
    };

    public Schedule ToSchedule() => Kind switch
    {
        ScheduleKind.Daily => Schedule.Daily(TimesPerDay ?? 1, DaysOfWeek),
        ScheduleKind.Weekly => Schedule.Weekly(TimesPerWeek ?? 1),
        _ => Schedule.Once(DueDate!.Value),
    };
}

public sealed class ScheduleModelValidator : AbstractValidator<ScheduleModel>
{
    public ScheduleModelValidator()
    {
        RuleFor(s => s.Kind).IsInEnum();
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
    }
}
