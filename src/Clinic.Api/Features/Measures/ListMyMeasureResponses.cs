using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Measures;

/// <summary>The signed-in client's own responses to one measure, oldest first, with their scores and bands.</summary>
public sealed record ListMyMeasureResponsesQuery(string MeasureKey) : IQuery<IReadOnlyList<MeasureResponseResult>>;

public sealed class ListMyMeasureResponsesHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<ListMyMeasureResponsesQuery, IReadOnlyList<MeasureResponseResult>>
{
    public async ValueTask<IReadOnlyList<MeasureResponseResult>> Handle(ListMyMeasureResponsesQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var instrument = Instruments.Find(query.MeasureKey) ?? throw new NotFoundException("measure", query.MeasureKey);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var responses = await db.MeasureResponses.AsNoTracking()
            .Where(r => r.ClientId == client.Id && r.MeasureKey == instrument.Key)
            .OrderBy(r => r.AnsweredAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync("measure_response.list", "client", client.Id, client.Id, cancellationToken);
        var zone = client.Zone;
        return responses.ConvertAll(r => MeasureResponseResult.From(r, zone));
    }
}
