using System.Security.Cryptography;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// The OAuth2 token service (OpenIddict) inside the API: client credentials for EHR integrations, invitation
/// codes for client apps, refresh tokens. Access tokens are JWTs signed with the local key, so the bearer
/// handler that accepts locally signed and external tokens accepts these too.
/// </summary>
public static class TokenService
{
    public const string TokenPath = "/connect/token";

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
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow().AllowRefreshTokenFlow().AllowCustomFlow(InvitationGrantType);
                server.RegisterScopes(Scopes.OfflineAccess);
                server.AddSigningKey(signingKey);

                // OpenIddict insists on an asymmetric key for identity tokens, which we never issue; access
                // tokens are signed with the symmetric key above, which it prefers.
                server.AddEphemeralSigningKey();
                server.AddEncryptionKey(new SymmetricSecurityKey(DeriveEncryptionKey(signingKey.Key)));
                server.DisableAccessTokenEncryption();
                server.IgnoreAudiencePermissions().IgnoreResourcePermissions();
                server.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                server.SetRefreshTokenLifetime(TimeSpan.FromDays(30));
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddHostedService<ClientAppRegistration>();
        return services;
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
            catch (Exception exception) when (Infrastructure.Persistence.DatabaseErrors.IsDatabaseFailure(exception))
            {
                // Before the first migration, or while the database is down, there is nowhere to register; the next start does it.
                logger.LogWarning("Could not register the client-app client: {ExceptionType}", exception.GetType().Name);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
