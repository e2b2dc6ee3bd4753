using System.Security.Cryptography;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Web;
using Clinic.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// The OAuth2 token service (OpenIddict) inside the API: client credentials for EHR integrations, invitation
/// codes for client apps, refresh tokens, and the authorization code flow with PKCE by which the pages under
/// <c>/app</c> sign therapists in. Access tokens are JWTs signed with the local key, so the bearer handler that
/// accepts locally signed and external tokens accepts these too.
/// </summary>
public static class TokenService
{
    public const string TokenPath = "/connect/token";

    public const string AuthorizationPath = "/connect/authorize";

    public const string EndSessionPath = "/connect/endsession";

    /// <summary>The token service's own sign-in page, for the demo identities (Auth:DemoSignIn:Enabled).</summary>
    public const string SignInPath = "/connect/sign-in";

    /// <summary>
    /// Who signed in at the token service's sign-in page: its own session, apart from the pages' session (a client
    /// of this service like any other) and never accepted by the API.
    /// </summary>
    public const string SignInScheme = "clinic-sign-in";

    /// <summary>The grant a client app uses to exchange a therapist's invitation code for tokens.</summary>
    public const string InvitationGrantType = "urn:clinic:params:oauth:grant-type:invitation";

    /// <summary>The public client every client app uses.</summary>
    public const string ClientAppId = "clinic-app";

    public const string PracticeProperty = "practice_id";

    public const string RateLimitPolicy = "token";

    /// <summary>
    /// The token service signs with the local key; a deployment that only trusts an external provider
    /// (Auth:Authority without Auth:SigningKey) runs without it.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        AuthSetup.SigningKeyOf(configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions()) is not null;

    public static IServiceCollection AddClinicTokenService(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var requireHttps = !environment.IsDevelopment() && configuration.GetValue("Transport:RequireHttps", true);

        // The stores are always there: discharging a client revokes whatever tokens it was given.
        var openIddict = services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ClinicDbContext>());
        if (AuthSetup.SigningKeyOf(auth) is not { } signingKey)
        {
            return services;
        }

        openIddict
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(auth.TokenIssuer));
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetAuthorizationEndpointUris(AuthorizationPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'));
                server.AllowClientCredentialsFlow().AllowRefreshTokenFlow().AllowCustomFlow(InvitationGrantType)
                    .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OfflineAccess, Scopes.Profile);
                server.AddSigningKey(signingKey);

                // Identity tokens (for the pages' sign-in) need an asymmetric key; access tokens are signed with the
                // symmetric key above, which OpenIddict prefers. The identity key is derived from the signing key, so
                // every process of a deployment signs and publishes the same one.
                server.AddSigningKey(DeriveIdentityTokenKey(signingKey.Key));
                server.AddEncryptionKey(new SymmetricSecurityKey(DeriveEncryptionKey(signingKey.Key)));
                server.DisableAccessTokenEncryption();
                // Which scopes a client gets is decided by the token endpoint (TokenEndpoint): SMART system scopes for
                // integrations, offline_access for client apps; OpenIddict's own list and per-client permissions would
                // have to enumerate every resource type and permission combination.
                server.IgnoreAudiencePermissions().IgnoreResourcePermissions().IgnoreScopePermissions().DisableScopeValidation();
                var issuer = new Uri(auth.TokenIssuer.TrimEnd('/') + "/");
                server.AddEventHandler(SmartBackendServices.AcceptGenericType)
                    .AddEventHandler(SmartBackendServices.TypeGenericAssertions)
                    .AddEventHandler(SmartBackendServices.AcceptTokenEndpointAudience(new Uri(issuer, TokenPath.TrimStart('/'))))
                    .AddEventHandler(SmartBackendServices.AcceptOnce.Descriptor)
                    .AddEventHandler(SmartBackendServices.StateGrantedScope);
                server.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                server.SetRefreshTokenLifetime(TimeSpan.FromDays(30));
                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddAuthentication().AddCookie(SignInScheme, cookie =>
        {
            cookie.Cookie.Name = "__Host-clinic-sign-in";
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = SignInPath;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
        });
        services.AddHostedService<ClientAppRegistration>();
        services.AddHostedService<WebClientRegistration>();
        return services;
    }

    /// <summary>The pages' client secret at this token service: derived from the signing key, so nobody has to keep it.</summary>
    public static string WebClientSecret(AuthOptions auth) =>
        Base64UrlEncoder.Encode(HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            AuthSetup.SigningKeyOf(auth)?.Key ?? throw new InvalidOperationException("The web client secret needs Auth:SigningKey."),
            32,
            info: "clinic web client secret"u8.ToArray()));

    /// <summary>A P-256 key whose private scalar comes from the signing key (HKDF).</summary>
    private static ECDsaSecurityKey DeriveIdentityTokenKey(byte[] signingKey)
    {
        var scalar = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, info: "clinic identity token signing key"u8.ToArray());
        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData([.. point.X!, .. point.Y!]))[..16];
        return new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
    }

    // Refresh tokens are encrypted with a key of their own, derived from the signing key.
    private static byte[] DeriveEncryptionKey(byte[] signingKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, info: "clinic refresh token encryption"u8.ToArray());

    /// <summary>Registers the public client-app client once, so invitation exchanges have a client to name.</summary>
    private sealed class ClientAppRegistration(IServiceProvider services, ILogger<ClientAppRegistration> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                // Replicas starting together take turns, so the client is registered once.
                await using var turn = await StartupLock.AcquireAsync(scope.ServiceProvider, cancellationToken);
                var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
                if (await applications.FindByClientIdAsync(ClientAppId, cancellationToken) is not null)
                {
                    return;
                }

                await applications.CreateAsync(
                    new OpenIddictApplicationDescriptor
                    {
                        ClientId = ClientAppId,
                        ClientType = ClientTypes.Public,
                        DisplayName = "Clinic client app",
                        Permissions =
                        {
                            Permissions.Endpoints.Token,
                            Permissions.GrantTypes.RefreshToken,
                            Permissions.Prefixes.GrantType + InvitationGrantType,
                            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                        },
                    },
                    cancellationToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsDatabaseFailure(exception))
            {
                // Before the first migration, or while the database is down, there is nowhere to register; the next start does it.
                logger.LogWarning("Could not register the client-app client: {ExceptionType}", exception.GetType().Name);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Registers the pages' confidential client (<c>clinic-web</c>) on every start, when the pages sign in here rather
    /// than at an external provider: its redirect addresses follow Auth:TokenIssuer and its secret the signing key,
    /// both of which may have changed since the last start.
    /// </summary>
    private sealed class WebClientRegistration(IServiceProvider services, IOptions<AuthOptions> options, ILogger<WebClientRegistration> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var auth = options.Value;
            if (auth.UsesExternalProvider)
            {
                return;
            }

            var publicBase = new Uri(auth.TokenIssuer.EndsWith('/') ? auth.TokenIssuer : auth.TokenIssuer + "/");
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = auth.Web.ClientId,
                ClientSecret = WebClientSecret(auth),
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "Clinic pages",
                RedirectUris = { new Uri(publicBase, WebSignIn.CallbackPath.TrimStart('/')) },
                PostLogoutRedirectUris = { new Uri(publicBase, WebSignIn.SignedOutCallbackPath.TrimStart('/')) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            try
            {
                await using var scope = services.CreateAsyncScope();
                await using var turn = await StartupLock.AcquireAsync(scope.ServiceProvider, cancellationToken);
                var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
                if (await applications.FindByClientIdAsync(descriptor.ClientId, cancellationToken) is { } existing)
                {
                    await applications.UpdateAsync(existing, descriptor, cancellationToken);
                }
                else
                {
                    await applications.CreateAsync(descriptor, cancellationToken);
                }
            }
            catch (Exception exception) when (DatabaseErrors.IsDatabaseFailure(exception) || exception is OpenIddictExceptions.ConcurrencyException)
            {
                // Before the first migration, while the database is down, or while another process registers it: the next start does it.
                logger.LogWarning("Could not register the web client: {ExceptionType}", exception.GetType().Name);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
