using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>One of a client's measure schedules with what it asks for now, for the staff who may list them.</summary>
public sealed record GetMeasureScheduleQuery(Guid ClientId, Guid ScheduleId) : IQuery<MeasureScheduleResponse>;

public sealed class GetMeasureScheduleHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : IQueryHandler<GetMeasureScheduleQuery, MeasureScheduleResponse>
{
    public async ValueTask<MeasureScheduleResponse> Handle(GetMeasureScheduleQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(query.ClientId, cancellationToken);
        var schedule = await db.MeasureSchedules.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == query.ScheduleId && s.ClientId == client.Id, cancellationToken)
            ?? throw new NotFoundException("measure_schedule", query.ScheduleId);
        var now = clock.GetCurrentInstant();
        var states = await MeasureDue.StatesOfAsync(db, access.VisiblePlans(), client, [schedule], now, cancellationToken);
        await audit.RecordReadAsync("measure_schedule.read", "measure_schedule", schedule.Id, client.Id, cancellationToken);
        return MeasureDue.ToResponse(states[0], now);
    }
}
