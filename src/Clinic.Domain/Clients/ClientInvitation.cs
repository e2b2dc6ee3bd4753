using System.Security.Cryptography;
using System.Text;
using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Clients;

/// <summary>
/// A one-time code a therapist gives a client so their phone app can sign in. Only its hash is stored; it
/// expires after <see cref="Lifetime"/> and works once.
/// </summary>
public sealed class ClientInvitation : Entity
{
    public const int CodeLength = 10;

    /// <summary>No 0/O, 1/I/L: codes are read aloud and typed on phones.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static readonly Duration Lifetime = Duration.FromDays(7);

    private ClientInvitation(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public string CodeHash { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public Instant CreatedAt { get; private set; }

    public Instant ExpiresAt { get; private set; }

    public Instant? RedeemedAt { get; private set; }

    /// <summary>Issues an invitation and hands back the plain code, which is never stored.</summary>
    public static (ClientInvitation Invitation, string Code) Issue(Client client, string createdBy, Instant now)
    {
        if (client.Status == ClientStatus.Discharged)
        {
            throw new DomainException("client_discharged", "A discharged client cannot be invited.", "clientId");
        }

        var code = new string(RandomNumberGenerator.GetItems(Alphabet.AsSpan(), CodeLength));
        var invitation = new ClientInvitation(NewId())
        {
            PracticeId = client.PracticeId,
            ClientId = client.Id,
            CodeHash = Hash(code),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, code);
    }

    /// <summary>Normalises what a person typed (case, spaces, dashes) and hashes it for look-up.</summary>
    public static string Hash(string code)
    {
        var normalised = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    public bool CanBeRedeemed(Instant now) => RedeemedAt is null && now < ExpiresAt;

    public void Redeem(Instant now)
    {
        if (!CanBeRedeemed(now))
        {
            throw new DomainException("invitation_invalid", "The invitation code is invalid, used or expired.", "code");
        }

        RedeemedAt = now;
    }
}
