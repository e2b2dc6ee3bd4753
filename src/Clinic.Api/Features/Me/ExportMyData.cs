using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Clients;
using Clinic.Api.Features.Completions;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Plans;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Me;

/// <summary>
/// The client's copy of their data (a right of access and of portability): their profile, every plan as it was
/// assigned to them, and everything they entered, completions (voided ones too) with their reflections and
/// ratings, skip reports with their notes, and their answers to outcome measures with the scores computed from them.
/// Oldest first, so a copy reads as a diary.
/// </summary>
public sealed record ExportMyDataQuery : IQuery<ClientDataExport>;

public sealed record ClientDataExport(
    Instant ExportedAt,
    ClientResponse Client,
    IReadOnlyList<PlanResponse> Plans,
    IReadOnlyList<CompletionResponse> Completions,
    IReadOnlyList<SkipResponse> Skips,
    IReadOnlyList<MeasureResponseResult> MeasureResponses);

public sealed class ExportMyDataHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : IQueryHandler<ExportMyDataQuery, ClientDataExport>
{
    public async ValueTask<ClientDataExport> Handle(ExportMyDataQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var plans = await access.VisiblePlans().AsNoTracking()
            .Where(p => p.ClientId == client.Id)
            .Include(p => p.Assignments)
            .AsSplitQuery()
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var completions = await db.Completions.AsNoTracking()
            .Where(c => c.ClientId == client.Id)
            .OrderBy(c => c.CompletedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var skips = await db.SkipReports.AsNoTracking()
            .Where(s => s.ClientId == client.Id)
            .OrderBy(s => s.Date).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var measureResponses = await db.MeasureResponses.AsNoTracking()
            .Where(r => r.ClientId == client.Id)
            .OrderBy(r => r.AnsweredAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync("client.export", "client", client.Id, client.Id, cancellationToken);

        var reader = caller.Reader;
        var zone = client.Zone;
        return new ClientDataExport(
            clock.GetCurrentInstant(),
            ClientResponse.From(client),
            plans.ConvertAll(PlanResponse.From),
            completions.ConvertAll(c => CompletionResponse.For(c, zone, reader)),
            skips.ConvertAll(s => SkipResponse.For(s, reader)),
            measureResponses.ConvertAll(r => MeasureResponseResult.From(r, zone)));
    }
}
