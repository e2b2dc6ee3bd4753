using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>A client's measure schedules, oldest first, each with what it asks for now.</summary>
public sealed record ListMeasureSchedulesQuery(Guid ClientId) : IQuery<IReadOnlyList<MeasureScheduleResponse>>;

public sealed class ListMeasureSchedulesHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : IQueryHandler<ListMeasureSchedulesQuery, IReadOnlyList<MeasureScheduleResponse>>
{
    public async ValueTask<IReadOnlyList<MeasureScheduleResponse>> Handle(ListMeasureSchedulesQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(query.ClientId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var states = await MeasureDue.StatesAsync(db, access.VisiblePlans(), client, now, cancellationToken);
        await audit.RecordReadAsync("measure_schedule.list", "client", client.Id, client.Id, cancellationToken);
        return [.. states.Select(s => MeasureDue.ToResponse(s, now))];
    }
}
