using NodaTime;

namespace Clinic.Infrastructure.ClientAssertions;

/// <summary>
/// A client assertion an integration authenticated with (its <see cref="JwtId"/>, the jti claim), kept until it expires
/// so that the same assertion is never accepted twice, by any process.
/// </summary>
public sealed class ClientAssertionUse
{
    public const int MaxLength = 200;

    public required string ClientId { get; init; }

    public required string JwtId { get; init; }

    public Instant ExpiresAt { get; init; }
}
