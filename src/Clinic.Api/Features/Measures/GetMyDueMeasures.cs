using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// What the signed-in client is asked to complete now, one entry per measure, with the instrument (items and
/// answers) for the app to render. A measure is due when one of its schedules has an occasion in progress that no
/// response answers yet (docs/MEASURES.md, "Schedules").
/// </summary>
public sealed record GetMyDueMeasuresQuery : IQuery<DueMeasuresResponse>;

public sealed record DueMeasuresResponse(Instant AsOf, string TimeZone, IReadOnlyList<DueMeasure> Due);

/// <summary>
/// A measure to complete: due since <see cref="DueSince"/>, until <see cref="DueBy"/> (null: until answered), asked
/// for by the listed schedules.
/// </summary>
public sealed record DueMeasure(string MeasureKey, Instant DueSince, Instant? DueBy, IReadOnlyList<Guid> ScheduleIds, InstrumentResponse Instrument);

public sealed class GetMyDueMeasuresHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : IQueryHandler<GetMyDueMeasuresQuery, DueMeasuresResponse>
{
    public async ValueTask<DueMeasuresResponse> Handle(GetMyDueMeasuresQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var now = clock.GetCurrentInstant();
        var states = await MeasureDue.StatesAsync(db, access.VisiblePlans(), client, now, cancellationToken);
        await audit.RecordReadAsync("measure.due", "client", client.Id, client.Id, cancellationToken);

        var due = states
            .Where(s => s.Due is not null)
            .GroupBy(s => s.Schedule.MeasureKey)
            .Select(g => new DueMeasure(
                g.Key,
                g.Min(s => s.Due!.OpensAt),
                g.Select(s => s.Due!.ClosesAt).Where(c => c is not null).Min(),
                [.. g.Select(s => s.Schedule.Id)],
                InstrumentResponse.From(Instruments.Find(g.Key)!)))
            .OrderBy(d => d.DueBy ?? Instant.MaxValue).ThenBy(d => d.DueSince).ThenBy(d => d.MeasureKey, StringComparer.Ordinal)
            .ToList();
        return new DueMeasuresResponse(now, client.TimeZone, due);
    }
}
