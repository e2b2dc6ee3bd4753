using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Alerts;

/// <summary>One safety alert, for staff who may see its client (a webhook receiver reads the alert an event names).</summary>
public sealed record GetAlertQuery(Guid AlertId) : IQuery<AlertResponse>;

public sealed class GetAlertHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit) : IQueryHandler<GetAlertQuery, AlertResponse>
{
    public async ValueTask<AlertResponse> Handle(GetAlertQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var found = await db.SafetyAlerts.AsNoTracking()
            .Where(a => a.Id == query.AlertId)
            .Join(access.VisibleClients(), a => a.ClientId, c => c.Id, (a, c) => new { Alert = a, c.DisplayName })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("alert", query.AlertId);
        await audit.RecordReadAsync("alert.read", "alert", found.Alert.Id, found.Alert.ClientId, cancellationToken);
        return AlertResponse.From(found.Alert, found.DisplayName);
    }
}
