using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Therapists;

/// <summary>A therapist of a practice. <see cref="ExternalId"/> is the EHR's provider id, unique per practice.</summary>
public sealed class Therapist : Entity
{
    public const int DisplayNameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int ExternalIdMaxLength = 100;

    private Therapist(Guid id, Guid practiceId, string displayName, string email, string? externalId, Instant createdAt)
        : base(id)
    {
        PracticeId = practiceId;
        DisplayName = displayName;
        Email = email;
        ExternalId = externalId;
        CreatedAt = createdAt;
        Active = true;
    }

    public Guid PracticeId { get; private set; }

    public string DisplayName { get; private set; }

    public string Email { get; private set; }

    public string? ExternalId { get; private set; }

    public bool Active { get; private set; }

    public Instant CreatedAt { get; private set; }

    public static Therapist Create(Guid practiceId, string displayName, string email, string? externalId, Instant now, Guid? id = null) =>
        new(
            id ?? NewId(),
            practiceId,
            Guard.Text(displayName, "displayName", DisplayNameMaxLength),
            Guard.Text(email, "email", EmailMaxLength).ToLowerInvariant(),
            Guard.OptionalText(externalId, "externalId", ExternalIdMaxLength),
            now);

    public void Update(string displayName, string email)
    {
        DisplayName = Guard.Text(displayName, "displayName", DisplayNameMaxLength);
        Email = Guard.Text(email, "email", EmailMaxLength).ToLowerInvariant();
    }
}
