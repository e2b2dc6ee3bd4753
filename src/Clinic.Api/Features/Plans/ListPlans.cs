using System.Text.Json;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Plans;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// A client's plans, newest first. <see cref="ClientId"/> null means the calling client's own (<c>/me/plans</c>).
/// <see cref="Status"/>, when given, is a comma-separated list of plan statuses (<c>active,paused</c>): only plans in
/// one of them are listed (and audited as read). <see cref="NoneMatch"/> lists none: the caller's access to the client is
/// still checked (a client the caller cannot see is a 404, recorded as denied), but no plan is read.
/// </summary>
public sealed record ListPlansQuery(Guid? ClientId, string? Status = null) : IQuery<IReadOnlyList<PlanResponse>>
{
    /// <summary>A filter that no plan status matches (FHIR's <c>entered-in-error</c>, <c>unknown</c>).</summary>
    public bool NoneMatch { get; init; }

    public const string StatusDescription =
        "status: only plans in one of these statuses, comma-separated (draft, active, paused, completed, cancelled); default all.";

    public const string StatusMessage = "status must be one or more of draft, active, paused, completed and cancelled, comma-separated.";

    /// <summary>The statuses asked for, or null for all; null also when one of them is not a status (the validator's case).</summary>
    public static HashSet<PlanStatus>? ParseStatuses(string? status)
    {
        if (status is null)
        {
            return null;
        }

        var statuses = new HashSet<PlanStatus>();
        foreach (var name in status.Split(','))
        {
            if (!WireNames.TryGetValue(name.Trim(), out var parsed))
            {
                return null;
            }

            statuses.Add(parsed);
        }

        return statuses;
    }

    /// <summary>The <see cref="Status"/> that lists the plans in any of <paramref name="statuses"/> (at least one).</summary>
    public static string StatusFilter(IEnumerable<PlanStatus> statuses) =>
        string.Join(',', statuses.Select(s => WireNames.Single(n => n.Value == s).Key));

    private static readonly Dictionary<string, PlanStatus> WireNames = Enum.GetValues<PlanStatus>()
        .ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()), StringComparer.Ordinal);
}

public sealed class ListPlansValidator : AbstractValidator<ListPlansQuery>
{
    public ListPlansValidator() =>
        RuleFor(q => q.Status).Must(s => s is null || ListPlansQuery.ParseStatuses(s) is not null).WithMessage(ListPlansQuery.StatusMessage);
}

public sealed class ListPlansHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<ListPlansQuery, IReadOnlyList<PlanResponse>>
{
    public async ValueTask<IReadOnlyList<PlanResponse>> Handle(ListPlansQuery query, CancellationToken cancellationToken)
    {
        Guid clientId;
        if (query.ClientId is { } requested)
        {
            caller.RequireRole(Access.ClientDataRoles);
            clientId = (await access.ClientAsync(requested, cancellationToken)).Id;
        }
        else
        {
            caller.RequireRole(Roles.Client);
            clientId = caller.SubjectGuid;
        }

        if (query.NoneMatch)
        {
            return [];
        }

        var plans = access.VisiblePlans().AsNoTracking().Where(p => p.ClientId == clientId);
        if (ListPlansQuery.ParseStatuses(query.Status) is { } statuses)
        {
            plans = plans.Where(p => statuses.Contains(p.Status));
        }

        var listed = await plans
            .Include(p => p.Assignments)
            .AsSplitQuery()
            .OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadsAsync("plan.list", "plan", listed.Select(p => (p.Id, p.ClientId)), cancellationToken);
        return listed.ConvertAll(PlanResponse.From);
    }
}
