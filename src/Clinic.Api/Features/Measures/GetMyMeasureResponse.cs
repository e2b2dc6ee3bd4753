using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Measures;

/// <summary>One of the signed-in client's own responses to a measure, with its score and band.</summary>
public sealed record GetMyMeasureResponseQuery(string MeasureKey, Guid ResponseId) : IQuery<MeasureResponseResult>;

public sealed class GetMyMeasureResponseHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetMyMeasureResponseQuery, MeasureResponseResult>
{
    public async ValueTask<MeasureResponseResult> Handle(GetMyMeasureResponseQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var instrument = Instruments.Find(query.MeasureKey) ?? throw new NotFoundException("measure", query.MeasureKey);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var response = await db.MeasureResponses.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == query.ResponseId && r.ClientId == client.Id && r.MeasureKey == instrument.Key, cancellationToken)
            ?? throw new NotFoundException("measure_response", query.ResponseId);
        await audit.RecordReadAsync("measure_response.read", "measure_response", response.Id, client.Id, cancellationToken);
        return MeasureResponseResult.From(response, client.Zone);
    }
}
