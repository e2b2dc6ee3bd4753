using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Webhooks;

public sealed record GetWebhookQuery(Guid WebhookId) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(ClinicDbContext db, Caller caller, AuditTrail audit) : IQueryHandler<GetWebhookQuery, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(GetWebhookQuery query, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, query.WebhookId, tracked: false, cancellationToken);
        await audit.RecordReadAsync("webhook.read", "webhook", subscription.Id, null, cancellationToken);
        return WebhookResponse.From(subscription);
    }
}

/// <summary>A practice's admins manage its subscriptions; another practice's subscription does not exist for them.</summary>
internal static class WebhookAccess
{
    public static async Task<WebhookSubscription> FindAsync(ClinicDbContext db, Caller caller, Guid webhookId, bool tracked, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var subscriptions = tracked ? db.WebhookSubscriptions : db.WebhookSubscriptions.AsNoTracking();
        return await subscriptions.FirstOrDefaultAsync(s => s.Id == webhookId && s.PracticeId == practiceId, cancellationToken)
            ?? throw new NotFoundException("webhook", webhookId);
    }
}
