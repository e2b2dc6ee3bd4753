using System.Security.Cryptography;
using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Infrastructure.Webhooks;

/// <summary>
/// A practice's request to be told of events at a URL. Deliveries are signed with <see cref="Secret"/> (shown to
/// the admin once, when created or rotated); after a rotation the previous secret signs too for
/// <see cref="RotationOverlap"/>, so a receiver can switch without losing events.
/// </summary>
public sealed class WebhookSubscription
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;

    public static readonly Duration RotationOverlap = Duration.FromHours(24);

    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid PracticeId { get; private set; }

    public string Url { get; private set; } = "";

    public string? Description { get; private set; }

    public List<string> EventTypes { get; private set; } = [];

    public bool Enabled { get; private set; }

    /// <summary><c>active</c>, or <c>failing</c> once a delivery was given up after retrying for a day.</summary>
    public string Status { get; private set; } = WebhookStatus.Active;

    public Instant? FailingSince { get; private set; }

    public string Secret { get; private set; } = "";

    public string? PreviousSecret { get; private set; }

    public Instant? PreviousSecretExpiresAt { get; private set; }

    public Instant CreatedAt { get; private set; }

    public static WebhookSubscription Create(Guid practiceId, string url, IReadOnlyCollection<string> eventTypes, string? description, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        PracticeId = practiceId,
        Url = url,
        EventTypes = Normalise(eventTypes),
        Description = Guard.OptionalText(description, "description", DescriptionMaxLength),
        Enabled = true,
        Secret = NewSecret(),
        CreatedAt = now,
    };

    public void Change(string? url, IReadOnlyCollection<string>? eventTypes, string? description, bool? enabled)
    {
        Url = url ?? Url;
        EventTypes = eventTypes is null ? EventTypes : Normalise(eventTypes);
        Description = description is null ? Description : Guard.OptionalText(description, "description", DescriptionMaxLength);
        if (enabled is { } on)
        {
            Enabled = on;
            if (on)
            {
                (Status, FailingSince) = (WebhookStatus.Active, null);
            }
        }
    }

    /// <summary>A new secret; the old one keeps signing alongside it for <see cref="RotationOverlap"/>.</summary>
    public void RotateSecret(Instant now)
    {
        (PreviousSecret, PreviousSecretExpiresAt) = (Secret, now + RotationOverlap);
        Secret = NewSecret();
    }

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one during the overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(Instant now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];

    /// <summary>A secret in the Standard Webhooks form: <c>whsec_</c> and 32 random bytes in base64.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static List<string> Normalise(IReadOnlyCollection<string> eventTypes) =>
        eventTypes.Contains(WebhookEventTypes.All) ? [WebhookEventTypes.All] : [.. eventTypes.Distinct().Order(StringComparer.Ordinal)];
}

public static class WebhookStatus
{
    public const string Active = "active";
    public const string Failing = "failing";
}
