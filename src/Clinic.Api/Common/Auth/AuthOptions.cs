namespace Clinic.Api.Common.Auth;

/// <summary>Configuration section <c>Auth</c>: an external OpenID Connect provider, or a local HS256 key.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect authority (issuer URL) of an external identity provider.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Base64 of at least 32 random bytes; tokens signed with it (HS256) are accepted.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer written into and expected in locally signed tokens.</summary>
    public string Issuer { get; set; } = "clinic";

    /// <summary>
    /// The token service's issuer: the public base URL of this API (its discovery document is served there).
    /// </summary>
    public string TokenIssuer { get; set; } = "http://localhost:5080/";

    public DevTokenOptions DevTokens { get; set; } = new();

    public sealed class DevTokenOptions
    {
        public bool Enabled { get; set; }

        public int LifetimeMinutes { get; set; } = 12 * 60;
    }

    public const string LocalAudience = "clinic-api";
}
