using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using FluentValidation;
using Mediator;
using NodaTime;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Adherence;

/// <summary>
/// What a therapist reads minutes before a session: every plan of the client that ran since <see cref="Since"/>
/// (an instant, default asOf minus 7 days), summarised from the local date of since, with overall numbers, the union
/// of the plans' flags, and what helped between sessions (relief per exercise and the hard moments), counting the
/// client's practice outside any plan too.
/// </summary>
public sealed record GetSessionPrepQuery(Guid ClientId, string? AsOf, string? Since) : IQuery<SessionPrepResponse>
{
    public static readonly Duration DefaultLookback = Duration.FromDays(7);
}

public sealed record SessionPrepResponse(
    SessionPrepClient Client,
    Instant? NextSessionAt,
    Instant AsOf,
    LocalDate Since,
    IReadOnlyList<AdherenceSummary> Plans,
    SessionPrepOverall Overall,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ExerciseRelief> Relief,
    MomentsSummary Moments);

public sealed record SessionPrepClient(Guid Id, string DisplayName, string TimeZone);

public sealed record SessionPrepOverall(int Expected, int Credited, double? AdherenceRate);

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

public sealed class GetSessionPrepHandler(Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
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

        return new SessionPrepResponse(
            new SessionPrepClient(client.Id, client.DisplayName, client.TimeZone),
            nextSessionAt,
            asOf,
            sinceDate,
            summaries,
            new SessionPrepOverall(expected, credited, expected == 0 ? null : (double)credited / expected),
            [.. FlagOrder.Where(raised.Contains)],
            betweenSessions.Relief,
            betweenSessions.Moments);
    }
}
