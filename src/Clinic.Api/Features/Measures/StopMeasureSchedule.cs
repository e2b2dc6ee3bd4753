using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>Stops a measure schedule: it asks for nothing from now on. Stopping it again changes nothing.</summary>
public sealed record StopMeasureScheduleCommand(Guid ClientId, Guid ScheduleId) : ICommand<MeasureScheduleResponse>;

public sealed class StopMeasureScheduleHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<StopMeasureScheduleCommand, MeasureScheduleResponse>
{
    public async ValueTask<MeasureScheduleResponse> Handle(StopMeasureScheduleCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(command.ClientId, cancellationToken);
        var schedule = await db.MeasureSchedules.FirstOrDefaultAsync(s => s.Id == command.ScheduleId && s.ClientId == client.Id, cancellationToken)
            ?? throw new NotFoundException("measure_schedule", command.ScheduleId);
        var now = clock.GetCurrentInstant();
        schedule.Stop(now);
        audit.Record("measure_schedule.stop", "measure_schedule", schedule.Id, client.Id);
        return MeasureDue.ToResponse(new MeasureDue.ScheduleState(schedule, null, null), now);
    }
}
