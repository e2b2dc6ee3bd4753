using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Webhooks;

/// <summary>
/// A new signing secret, shown once. For 24 hours deliveries carry signatures with the old and the new secret,
/// so the receiver can switch over without missing events.
/// </summary>
public sealed record RotateWebhookSecretCommand(Guid WebhookId) : ICommand<WebhookSecretResponse>;

public sealed class RotateWebhookSecretHandler(ClinicDbContext db, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretResponse>
{
    public async ValueTask<WebhookSecretResponse> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, command.WebhookId, tracked: true, cancellationToken);
        subscription.RotateSecret(clock.GetCurrentInstant());
        audit.Record("webhook.rotate_secret", "webhook", subscription.Id, clientId: null);
        return new WebhookSecretResponse(WebhookResponse.From(subscription), subscription.Secret);
    }
}
