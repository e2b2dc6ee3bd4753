using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Webhooks;

/// <summary>The practice's webhook subscriptions, oldest first.</summary>
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookResponse>>;

public sealed class ListWebhooksHandler(ClinicDbContext db, Caller caller, AuditTrail audit)
    : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookResponse>>
{
    public async ValueTask<IReadOnlyList<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.PracticeId == practiceId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync("webhook.list", "webhook", null, null, cancellationToken);
        return subscriptions.ConvertAll(WebhookResponse.From);
    }
}
