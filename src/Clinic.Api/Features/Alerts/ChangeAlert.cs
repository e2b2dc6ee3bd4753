using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Alerts;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Alerts;

/// <summary>
/// A therapist or admin acknowledges an open alert (they have seen it; an optional note says what they are doing),
/// or resolves it with a note saying what was done. Integrations read alerts but a person answers them.
/// </summary>
public sealed record AcknowledgeAlertCommand(string? Note = null) : ICommand<AlertResponse>
{
    [JsonIgnore]
    public Guid AlertId { get; init; }
}

public sealed record ResolveAlertCommand(string Note) : ICommand<AlertResponse>
{
    [JsonIgnore]
    public Guid AlertId { get; init; }
}

public sealed class AcknowledgeAlertValidator : AbstractValidator<AcknowledgeAlertCommand>
{
    public AcknowledgeAlertValidator() => RuleFor(c => c.Note).MaximumLength(SafetyAlert.NoteMaxLength);
}

public sealed class ResolveAlertValidator : AbstractValidator<ResolveAlertCommand>
{
    public ResolveAlertValidator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(SafetyAlert.NoteMaxLength);
}

public sealed class AcknowledgeAlertHandler(AlertAccess alerts, AuditTrail audit, Caller caller, IClock clock) : ICommandHandler<AcknowledgeAlertCommand, AlertResponse>
{
    public async ValueTask<AlertResponse> Handle(AcknowledgeAlertCommand command, CancellationToken cancellationToken)
    {
        var (alert, name) = await alerts.ForChangeAsync(command.AlertId, cancellationToken);
        alert.Acknowledge(caller.SubjectId, command.Note, clock.GetCurrentInstant());
        audit.Record("alert.acknowledge", "alert", alert.Id, alert.ClientId);
        return AlertResponse.From(alert, name);
    }
}

public sealed class ResolveAlertHandler(AlertAccess alerts, AuditTrail audit, Caller caller, IClock clock) : ICommandHandler<ResolveAlertCommand, AlertResponse>
{
    public async ValueTask<AlertResponse> Handle(ResolveAlertCommand command, CancellationToken cancellationToken)
    {
        var (alert, name) = await alerts.ForChangeAsync(command.AlertId, cancellationToken);
        alert.Resolve(caller.SubjectId, command.Note, clock.GetCurrentInstant());
        audit.Record("alert.resolve", "alert", alert.Id, alert.ClientId);
        return AlertResponse.From(alert, name);
    }
}

/// <summary>An alert a therapist or admin may answer, tracked for change, with its client's name.</summary>
public sealed class AlertAccess(ClinicDbContext db, Access access, Caller caller)
{
    public async Task<(SafetyAlert Alert, string ClientDisplayName)> ForChangeAsync(Guid alertId, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin, Roles.Therapist);
        var found = await db.SafetyAlerts
            .Where(a => a.Id == alertId)
            .Join(access.VisibleClients(), a => a.ClientId, c => c.Id, (a, c) => new { Alert = a, c.DisplayName })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("alert", alertId);
        return (found.Alert, found.DisplayName);
    }
}
