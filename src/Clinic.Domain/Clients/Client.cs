using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Clients;

public enum ClientStatus
{
    Active,
    Discharged,
}

/// <summary>
/// A client (patient) of a practice. All calendar logic for the client happens in <see cref="TimeZone"/>.
/// </summary>
public sealed class Client : Entity
{
    public const int DisplayNameMaxLength = 200;
    public const int ExternalIdMaxLength = 100;

    private Client(Guid id, Guid practiceId, Guid primaryTherapistId, string displayName, string timeZone, string? externalId, Instant createdAt)
        : base(id)
    {
        PracticeId = practiceId;
        PrimaryTherapistId = primaryTherapistId;
        DisplayName = displayName;
        TimeZone = timeZone;
        ExternalId = externalId;
        CreatedAt = createdAt;
        Status = ClientStatus.Active;
    }

    public Guid PracticeId { get; private set; }

    public Guid PrimaryTherapistId { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>IANA zone id, e.g. <c>America/New_York</c>.</summary>
    public string TimeZone { get; private set; }

    public string? ExternalId { get; private set; }

    public ClientStatus Status { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? DischargedAt { get; private set; }

    public DateTimeZone Zone => TimeZones.Get(TimeZone);

    public static Client Create(Guid practiceId, Guid primaryTherapistId, string displayName, string timeZone, string? externalId, Instant now, Guid? id = null)
    {
        TimeZones.Get(timeZone);
        return new Client(
            id ?? NewId(),
            practiceId,
            primaryTherapistId,
            Guard.Text(displayName, "displayName", DisplayNameMaxLength),
            timeZone,
            Guard.OptionalText(externalId, "externalId", ExternalIdMaxLength),
            now);
    }

    public void Rename(string displayName) => DisplayName = Guard.Text(displayName, "displayName", DisplayNameMaxLength);

    public void MoveTo(string timeZone)
    {
        TimeZones.Get(timeZone);
        TimeZone = timeZone;
    }

    public void AssignPrimaryTherapist(Guid therapistId) => PrimaryTherapistId = therapistId;

    public void Discharge(Instant now)
    {
        if (Status == ClientStatus.Discharged)
        {
            return;
        }

        Status = ClientStatus.Discharged;
        DischargedAt = now;
        Raise(new ClientDischarged(PracticeId, Id));
    }
}
