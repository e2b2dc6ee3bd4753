using Clinic.Infrastructure.Webhooks;
using NodaTime;

namespace Clinic.Api.Features.Webhooks;

/// <summary>A subscription as admins read it; its secret is never shown again after it is made or rotated.</summary>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string Status,
    Instant? FailingSince,
    Instant CreatedAt)
{
    public static WebhookResponse From(WebhookSubscription s) =>
        new(s.Id, s.Url, s.Description, s.EventTypes, s.Enabled, s.Status, s.FailingSince, s.CreatedAt);
}

/// <summary>A subscription just made, or its secret just rotated: the only time <see cref="Secret"/> is shown.</summary>
public sealed record WebhookSecretResponse(WebhookResponse Webhook, string Secret);
