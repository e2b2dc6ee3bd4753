using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Webhooks;

/// <summary>
/// Sends an event to the subscription again, as a new delivery with the same <c>webhook-id</c> (so a receiver that
/// already processed it can tell), after the subscription's other pending deliveries of that client. Only a
/// delivery that succeeded or was given up can be replayed; one still being tried is 409.
/// </summary>
public sealed record ReplayWebhookDeliveryCommand(Guid WebhookId, long DeliveryId) : ICommand<WebhookDeliveryResponse>;

public sealed class ReplayWebhookDeliveryHandler(
    ClinicDbContext db, Caller caller, AuditTrail audit, [FromKeyedServices(WebhookDispatcher.TimeKey)] TimeProvider time)
    : ICommandHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryResponse>
{
    public async ValueTask<WebhookDeliveryResponse> Handle(ReplayWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, command.WebhookId, tracked: false, cancellationToken);
        var original = await db.WebhookDeliveries.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == subscription.Id, cancellationToken)
            ?? throw new NotFoundException("delivery", command.DeliveryId);
        if (original.Status == DeliveryStatus.Pending)
        {
            throw new ConflictException("delivery_pending", "This delivery is still being tried; replay it once it has succeeded or been given up.", "deliveryId");
        }

        // The dispatcher's time, on which retries and giving up are reckoned.
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var replay = new WebhookDelivery
        {
            SubscriptionId = subscription.Id,
            OutboxId = original.OutboxId,
            EventId = original.EventId,
            EventType = original.EventType,
            ClientId = original.ClientId,
            Payload = original.Payload,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(replay);
        audit.Record("webhook.replay", "webhook", subscription.Id, clientId: null);

        // Saved now, inside the unit of work, for the id the answer shows; the dispatcher finds it on its next round.
        await db.SaveChangesAsync(cancellationToken);
        return WebhookDeliveryResponse.From(replay);
    }
}
