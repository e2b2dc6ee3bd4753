using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// A client's outcome measures, for staff and for the client themselves: for each instrument, the series of responses oldest first with score, band,
/// change from the baseline (the first response) and whether that change is reliable (Jacobson and Truax; constants in
/// docs/MEASURES.md). Item answers are included: they are clinical ratings (PHQ-9 item 9 among them), not text.
/// </summary>
public sealed record GetClientMeasuresQuery(Guid ClientId) : IQuery<ClientMeasuresResponse>;

public sealed record ClientMeasuresResponse(Guid ClientId, string TimeZone, IReadOnlyList<MeasureSeriesResponse> Measures);

/// <summary>One instrument's series; baseline and latest are null while there is no response.</summary>
public sealed record MeasureSeriesResponse(
    string MeasureKey,
    string Name,
    BetterWhen BetterWhen,
    MeasurePointResponse? Baseline,
    MeasurePointResponse? Latest,
    IReadOnlyList<MeasurePointResponse> Series)
{
    public static MeasureSeriesResponse Of(Instrument instrument, IEnumerable<MeasureResponse> responses, DateTimeZone zone)
    {
        var series = MeasureSeries.Of(instrument, responses).Select(p => MeasurePointResponse.From(p, zone)).ToList();
        return new MeasureSeriesResponse(
            instrument.Key, instrument.Name, instrument.BetterWhen, series.Count > 0 ? series[0] : null, series.Count > 0 ? series[^1] : null, series);
    }
}

/// <summary>
/// One response in a series: who entered it (the client, or staff for them), its score and band, its change from the
/// baseline, the reliable change index of that change, whether it is reliable (|index| &gt; 1.96) and which way
/// (improved, deteriorated, no_reliable_change).
/// </summary>
public sealed record MeasurePointResponse(
    Guid ResponseId,
    Instant AnsweredAt,
    LocalDate LocalDate,
    MeasureSource Source,
    IReadOnlyList<int> Answers,
    double Score,
    MeasureBand Band,
    double ChangeFromBaseline,
    double ReliableChangeIndex,
    bool ReliableChange,
    string Direction)
{
    public static MeasurePointResponse From(MeasurePoint point, DateTimeZone zone) => new(
        point.Response.Id,
        point.Response.AnsweredAt,
        point.Response.AnsweredAt.InZone(zone).Date,
        point.Response.Source,
        point.Response.Answers,
        point.Score.Value,
        MeasureBand.From(point.Score.Band),
        point.FromBaseline.Change,
        point.FromBaseline.Index,
        point.FromBaseline.Reliable,
        point.FromBaseline.Direction);
}

public sealed class GetClientMeasuresHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetClientMeasuresQuery, ClientMeasuresResponse>
{
    public async ValueTask<ClientMeasuresResponse> Handle(GetClientMeasuresQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var client = await access.ClientAsync(query.ClientId, cancellationToken);
        var responses = await db.MeasureResponses.AsNoTracking().Where(r => r.ClientId == client.Id).ToListAsync(cancellationToken);
        await audit.RecordReadAsync("measure.read", "client", client.Id, client.Id, cancellationToken);
        var zone = client.Zone;
        return new ClientMeasuresResponse(client.Id, client.TimeZone, [.. Instruments.All.Select(i => MeasureSeriesResponse.Of(i, responses, zone))]);
    }
}
