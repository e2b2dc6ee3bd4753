using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Webhooks;

/// <summary>A subscription's deliveries, newest first, a page at a time (cursor = id of the last one of the previous page).</summary>
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, string? Status, long? Cursor, int? Limit) : IQuery<WebhookDeliveryPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

/// <summary>One event's delivery to one subscription: how it went, without the receiver's answer.</summary>
public sealed record WebhookDeliveryResponse(
    long Id,
    Guid EventId,
    string EventType,
    Guid ClientId,
    string Status,
    int Attempts,
    Instant? NextAttemptAt,
    Instant? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    Instant CreatedAt,
    Instant? DeliveredAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Id, d.EventId, d.EventType, d.ClientId, d.Status, d.Attempts, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
        d.LastAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);
}

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, long? NextCursor);

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null or DeliveryStatus.Pending or DeliveryStatus.Succeeded or DeliveryStatus.Failed)
            .WithMessage("status must be pending, succeeded or failed.");
        RuleFor(q => q.Cursor).GreaterThan(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, ListWebhookDeliveriesQuery.MaxLimit);
    }
}

public sealed class ListWebhookDeliveriesHandler(ClinicDbContext db, Caller caller, AuditTrail audit)
    : IQueryHandler<ListWebhookDeliveriesQuery, WebhookDeliveryPage>
{
    public async ValueTask<WebhookDeliveryPage> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, query.WebhookId, tracked: false, cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id);
        if (query.Status is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        if (query.Cursor is { } cursor)
        {
            deliveries = deliveries.Where(d => d.Id < cursor);
        }

        var limit = query.Limit ?? ListWebhookDeliveriesQuery.DefaultLimit;
        var page = await deliveries.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(WebhookDeliveryResponse.From).ToList();
        await audit.RecordReadAsync("webhook.deliveries.read", "webhook", subscription.Id, null, cancellationToken);
        return new WebhookDeliveryPage(items, page.Count > limit ? items[^1].Id : null);
    }
}
