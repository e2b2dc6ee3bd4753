using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;

namespace Clinic.Api.Features.Webhooks;

/// <summary>Removes a subscription and its deliveries; events already sent stay sent.</summary>
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand;

public sealed class DeleteWebhookHandler(ClinicDbContext db, Caller caller, AuditTrail audit) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, command.WebhookId, tracked: true, cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
        audit.Record("webhook.delete", "webhook", subscription.Id, clientId: null);
        return Unit.Value;
    }
}
