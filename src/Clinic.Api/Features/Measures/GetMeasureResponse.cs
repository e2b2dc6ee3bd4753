using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Measures;

/// <summary>One response to a measure, for staff who may see its client or for the client who gave it (FHIR reads).</summary>
public sealed record GetMeasureResponseQuery(Guid ResponseId) : IQuery<MeasureResponseResult>;

public sealed class GetMeasureResponseHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetMeasureResponseQuery, MeasureResponseResult>
{
    public async ValueTask<MeasureResponseResult> Handle(GetMeasureResponseQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var found = await db.MeasureResponses.AsNoTracking()
            .Where(r => r.Id == query.ResponseId)
            .Join(access.VisibleClients(), r => r.ClientId, c => c.Id, (r, c) => new { Response = r, c.TimeZone })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("measure_response", query.ResponseId);
        await audit.RecordReadAsync("measure_response.read", "measure_response", found.Response.Id, found.Response.ClientId, cancellationToken);
        return MeasureResponseResult.From(found.Response, Domain.Common.TimeZones.Get(found.TimeZone));
    }
}
