using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// A therapist (or the EHR) asks a client to complete a measure: once, every N weeks, or before each session
/// (docs/MEASURES.md, "Schedules"). startDate (a local date, default today in the client's zone) anchors the periods.
/// </summary>
public sealed record CreateMeasureScheduleCommand(string MeasureKey, MeasureScheduleKind Kind, int? EveryWeeks = null, LocalDate? StartDate = null)
    : ICommand<MeasureScheduleResponse>
{
    [JsonIgnore]
    public Guid ClientId { get; init; }
}

public sealed class CreateMeasureScheduleValidator : AbstractValidator<CreateMeasureScheduleCommand>
{
    public CreateMeasureScheduleValidator()
    {
        RuleFor(c => c.MeasureKey).Must(Instruments.IsKnown).WithMessage($"measureKey must be one of {Instruments.KeyList}.");
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.EveryWeeks)
            .NotNull().When(c => c.Kind == MeasureScheduleKind.EveryNWeeks)
            .WithMessage("everyWeeks is required when kind is every_n_weeks.");
        RuleFor(c => c.EveryWeeks)
            .Null().When(c => c.Kind != MeasureScheduleKind.EveryNWeeks)
            .WithMessage("everyWeeks is only for kind every_n_weeks.");
        RuleFor(c => c.EveryWeeks).InclusiveBetween(1, MeasureSchedule.MaxEveryWeeks);
    }
}

public sealed class CreateMeasureScheduleHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<CreateMeasureScheduleCommand, MeasureScheduleResponse>
{
    public async ValueTask<MeasureScheduleResponse> Handle(CreateMeasureScheduleCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(command.ClientId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var schedule = MeasureSchedule.Start(client, Instruments.Find(command.MeasureKey)!, command.Kind, command.EveryWeeks, command.StartDate, caller.SubjectId, now);
        db.MeasureSchedules.Add(schedule);
        audit.Record("measure_schedule.create", "measure_schedule", schedule.Id, client.Id);
        var states = await MeasureDue.StatesOfAsync(db, access.VisiblePlans(), client, [schedule], now, cancellationToken);
        return MeasureDue.ToResponse(states[0], now);
    }
}
