using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Alerts;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Alerts;

/// <summary>
/// The safety alerts of the clients the caller may see (a therapist their caseload, an admin or integration the
/// practice), newest first, a page at a time (cursor = id of the last item), optionally only open or resolved ones or
/// one client's.
/// </summary>
public sealed record ListAlertsQuery(string? Status, Guid? ClientId, string? Cursor, int? Limit) : IQuery<AlertPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

public sealed record AlertPage(IReadOnlyList<AlertResponse> Items, string? NextCursor);

public sealed class ListAlertsValidator : AbstractValidator<ListAlertsQuery>
{
    public ListAlertsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAlertsQuery.MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.Status).Must(s => s is null or "open" or "resolved").WithMessage("status must be \"open\" or \"resolved\".");
        RuleFor(q => q.Cursor).Must(c => c is null || Guid.TryParse(c, out _)).WithMessage("cursor must be the nextCursor of a previous page.");
    }
}

public sealed class ListAlertsHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit) : IQueryHandler<ListAlertsQuery, AlertPage>
{
    public async ValueTask<AlertPage> Handle(ListAlertsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var clients = access.VisibleClients();
        if (query.ClientId is { } clientId)
        {
            clients = clients.Where(c => c.Id == clientId);
        }

        var practiceId = caller.Practice;
        var alerts = db.SafetyAlerts.AsNoTracking().Where(a => a.PracticeId == practiceId);
        if (query.Status is { } status)
        {
            var wanted = status == "open" ? AlertStatus.Open : AlertStatus.Resolved;
            alerts = alerts.Where(a => a.Status == wanted);
        }

        if (query.Cursor is { } cursor)
        {
            var before = Guid.Parse(cursor);
            alerts = alerts.Where(a => a.Id.CompareTo(before) < 0);
        }

        var limit = query.Limit ?? ListAlertsQuery.DefaultLimit;
        var page = await alerts
            .Join(clients, a => a.ClientId, c => c.Id, (a, c) => new { Alert = a, c.DisplayName })
            .OrderByDescending(x => x.Alert.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = page.Take(limit).ToList();
        await audit.RecordReadsAsync("alert.list", "alert", items.Select(x => (x.Alert.Id, x.Alert.ClientId)), cancellationToken);
        return new AlertPage(
            items.ConvertAll(x => AlertResponse.From(x.Alert, x.DisplayName)),
            page.Count > limit ? items[^1].Alert.Id.ToString() : null);
    }
}
