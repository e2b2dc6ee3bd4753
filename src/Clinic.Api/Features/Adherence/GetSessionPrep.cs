using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Alerts;
using Clinic.Api.Features.Measures;
using Clinic.Domain.Adherence;
using Clinic.Domain.Alerts;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Adherence;

/// <summary>
/// What a therapist reads minutes before a session: the client's open safety alerts first; every plan of the client
/// that ran since <see cref="Since"/> (an instant, default asOf minus 7 days), summarised from the local date of since,
/// with overall numbers and the union of the plans' flags; the latest score and change of each outcome measure;
/// practice beside outcome over the same window (ADHERENCE.md, definitions 2026-12); and what helped between sessions
/// (relief per exercise and the hard moments), counting the client's practice outside any plan too.
/// </summary>
public sealed record GetSessionPrepQuery(Guid ClientId, string? AsOf, string? Since) : IQuery<SessionPrepResponse>
{
    public static readonly Duration DefaultLookback = Duration.FromDays(7);
}

public sealed record SessionPrepResponse(
    SessionPrepClient Client,
    IReadOnlyList<AlertResponse> Alerts,
    Instant? NextSessionAt,
    Instant AsOf,
    LocalDate Since,
    IReadOnlyList<AdherenceSummary> Plans,
    SessionPrepOverall Overall,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ExerciseRelief> Relief,
    MomentsSummary Moments,
    IReadOnlyList<SessionPrepMeasure> Measures,
    PracticeBesideOutcomeResponse PracticeBesideOutcome);

public sealed record SessionPrepClient(Guid Id, string DisplayName, string TimeZone);

public sealed record SessionPrepOverall(int Expected, int Credited, double? AdherenceRate);

/// <summary>An outcome measure the client has answered by asOf: how many times, the baseline and the latest, with its change.</summary>
public sealed record SessionPrepMeasure(string MeasureKey, string Name, BetterWhen BetterWhen, int Responses, MeasurePointResponse Baseline, MeasurePointResponse Latest);

/// <summary>
/// Practice and outcome over the session prep window (local dates from the date of since to yesterday): the overall
/// adherence rate, the relief practice brought over every practice of the window, the change of the SCS-SF over the
/// window, and the pattern they make (ADHERENCE.md, definitions 2026-12).
/// </summary>
public sealed record PracticeBesideOutcomeResponse(
    LocalDate From, LocalDate To, double? AdherenceRate, OverallRelief Relief, OutcomeChangeResponse? SelfCompassion, string? Pattern);

/// <summary>A measure's change over a window: from the score at its start to the latest, with its reliable change index.</summary>
public sealed record OutcomeChangeResponse(
    string MeasureKey,
    Guid StartResponseId,
    Instant StartAnsweredAt,
    double StartScore,
    Guid EndResponseId,
    Instant EndAnsweredAt,
    double EndScore,
    double Change,
    double ReliableChangeIndex,
    bool ReliableChange,
    string Direction)
{
    public static OutcomeChangeResponse From(string measureKey, OutcomeChange change) => new(
        measureKey,
        change.Start.Response.Id,
        change.Start.Response.AnsweredAt,
        change.Start.Score.Value,
        change.End.Response.Id,
        change.End.Response.AnsweredAt,
        change.End.Score.Value,
        change.Change.Change,
        change.Change.Index,
        change.Change.Reliable,
        change.Change.Direction);
}

public sealed class GetSessionPrepValidator : AbstractValidator<GetSessionPrepQuery>
{
    public GetSessionPrepValidator()
    {
        RuleFor(q => q.AsOf).Must(WireFormats.IsInstantOrAbsent).WithMessage("asOf " + WireFormats.InstantMessage);
        RuleFor(q => q.Since).Must(WireFormats.IsInstantOrAbsent).WithMessage("since " + WireFormats.InstantMessage);
        RuleFor(q => q.Since)
            .Must((q, since) => WireFormats.ParseInstant(since!) <= WireFormats.ParseInstant(q.AsOf!))
            .When(q => q.Since is not null && q.AsOf is not null && WireFormats.IsInstantOrAbsent(q.Since) && WireFormats.IsInstantOrAbsent(q.AsOf))
            .WithMessage("since must not be after asOf.");
    }
}

public sealed class GetSessionPrepHandler(ClinicDbContext db, Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetSessionPrepQuery, SessionPrepResponse>
{
    /// <summary>Flags in ADHERENCE.md order, for the union over plans.</summary>
    private static readonly string[] FlagOrder =
    [
        AdherenceFlags.NotStarted, AdherenceFlags.LowAdherence, AdherenceFlags.Inactive,
        AdherenceFlags.Declining, AdherenceFlags.HighDistress, AdherenceFlags.ReflectionsToReview,
    ];

    public async ValueTask<SessionPrepResponse> Handle(GetSessionPrepQuery query, CancellationToken cancellationToken)
    {
        // Session prep is the therapist's view; a client reads their own plans, not this.
        caller.RequireRole(Access.StaffRoles);
        var asOf = WireFormats.InstantOr(query.AsOf, clock.GetCurrentInstant());
        var since = WireFormats.InstantOr(query.Since, asOf - GetSessionPrepQuery.DefaultLookback);
        if (since > asOf)
        {
            // Only reachable with the default asOf (now): an explicit pair is checked by the validator.
            throw new BadParameterException("since", "since must not be after asOf.");
        }

        var client = await access.ClientAsync(query.ClientId, cancellationToken);
        var zone = client.Zone;
        var sinceDate = since.InZone(zone).Date;
        var yesterday = asOf.InZone(zone).Date.PlusDays(-1);

        var plans = (await reader.PlansAsync(access.VisiblePlans().Where(p => p.ClientId == client.Id), cancellationToken)).ConvertAll(p => p.Plan);
        var covered = plans
            .Where(p => p.Status is not (PlanStatus.Draft or PlanStatus.Cancelled) && p.StartDate <= yesterday && p.EndDate >= sinceDate)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id)
            .Select(p => new AdherenceRequest(p, zone, LocalDate.Max(p.StartDate, sinceDate)))
            .ToList();
        var (summaries, betweenSessions) = await reader.SessionPrepAsync(
            covered,
            asOf,
            audit.Reads("adherence.session_prep", "client", [(client.Id, client.Id)]),
            new OwnPracticeRange(client.Id, zone, sinceDate, yesterday),
            cancellationToken);

        var expected = summaries.Sum(s => s.Expected);
        var credited = summaries.Sum(s => s.Credited);
        var raised = summaries.SelectMany(s => s.Flags).ToHashSet();
        var nextSessionAt = plans
            .Where(p => p.Status != PlanStatus.Cancelled && p.NextSessionAt >= asOf)
            .Select(p => p.NextSessionAt)
            .Min();

        // Alerts are as they stand now; measures as answered by asOf, like the completions of the summaries. One query
        // for both: a client has few open alerts, so joining them with the responses multiplies few rows.
        var related = await db.Clients.AsNoTracking()
            .Where(c => c.Id == client.Id)
            .Select(c => new
            {
                Alerts = db.SafetyAlerts.Where(a => a.ClientId == c.Id && a.Status == AlertStatus.Open).ToList(),
                Responses = db.MeasureResponses.Where(r => r.ClientId == c.Id && r.AnsweredAt <= asOf).ToList(),
            })
            .AsSingleQuery()
            .FirstAsync(cancellationToken);
        var (alerts, responses) = (related.Alerts, related.Responses);
        var rate = expected == 0 ? (double?)null : (double)credited / expected;
        var selfCompassion = PracticeBesideOutcome.ChangeOver(Instruments.ScsSf, responses, zone.AtStartOfDay(sinceDate).ToInstant(), asOf);

        return new SessionPrepResponse(
            new SessionPrepClient(client.Id, client.DisplayName, client.TimeZone),
            [.. AlertResponse.Triage(alerts.Select(a => AlertResponse.From(a, client.DisplayName)))],
            nextSessionAt,
            asOf,
            sinceDate,
            summaries,
            new SessionPrepOverall(expected, credited, rate),
            [.. FlagOrder.Where(raised.Contains)],
            betweenSessions.Relief,
            betweenSessions.Moments,
            [.. Instruments.All.Select(i => MeasureSeries.Of(i, responses)).Where(series => series.Count > 0).Select(series => Measure(series, zone))],
            new PracticeBesideOutcomeResponse(
                sinceDate,
                yesterday,
                rate,
                betweenSessions.Overall,
                selfCompassion is null ? null : OutcomeChangeResponse.From(Instruments.ScsSfKey, selfCompassion),
                PracticeBesideOutcome.Pattern(rate, selfCompassion)));
    }

    private static SessionPrepMeasure Measure(IReadOnlyList<MeasurePoint> series, DateTimeZone zone)
    {
        var instrument = series[0].Response.Instrument;
        return new SessionPrepMeasure(
            instrument.Key, instrument.Name, instrument.BetterWhen, series.Count,
            MeasurePointResponse.From(series[0], zone), MeasurePointResponse.From(series[^1], zone));
    }
}
