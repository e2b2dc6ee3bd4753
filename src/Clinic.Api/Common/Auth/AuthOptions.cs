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

    /// <summary>How therapists sign in to the pages under <c>/app</c> (OpenID Connect, authorization code with PKCE).</summary>
    public WebSignInOptions Web { get; set; } = new();

    /// <summary>The token service's sign-in page for the demo identities (Development).</summary>
    public DemoSignInOptions DemoSignIn { get; set; } = new();

    public sealed class DevTokenOptions
    {
        public bool Enabled { get; set; }

        public int LifetimeMinutes { get; set; } = 12 * 60;
    }

    public sealed class WebSignInOptions
    {
        /// <summary>The pages' client id at the provider: registered by the API itself with its own token service.</summary>
        public string ClientId { get; set; } = "clinic-web";

        /// <summary>
        /// The pages' client secret at the provider of <see cref="Authority"/>; none for a public client there. With the
        /// API's own token service the secret is derived from the signing key.
        /// </summary>
        public string? ClientSecret { get; set; }
    }

    public sealed class DemoSignInOptions
    {
        public bool Enabled { get; set; }
    }

    /// <summary>Whether the pages sign in at an external provider rather than at this API's token service.</summary>
    public bool UsesExternalProvider => !string.IsNullOrWhiteSpace(Authority);

    public const string LocalAudience = "clinic-api";
}
