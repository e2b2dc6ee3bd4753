using System.Security.Claims;
using System.Text.Json;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Clients;
using Clinic.Infrastructure.Persistence;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// <c>POST /connect/token</c>. OpenIddict has already checked the client and the grant's form; this decides who
/// the token is for: an integration's practice, the client an invitation code names, the holder of a
/// refresh token who is still an active client, or whoever signed in for the authorization code (the pages).
/// </summary>
public static partial class TokenEndpoint
{
    private static readonly string[] GrantTypesSupported = [GrantTypes.ClientCredentials, GrantTypes.RefreshToken, TokenService.InvitationGrantType];
    private static readonly string[] AuthMethodsSupported =
        [ClientAuthenticationMethods.ClientSecretPost, ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.PrivateKeyJwt];

    // SMART Backend Services: servers must accept RS384 and ES384 client assertions; the others a key may name are accepted too.
    private static readonly string[] AssertionAlgorithmsSupported = ["RS384", "ES384", "RS256", "RS512", "PS256", "PS384", "PS512", "ES256", "ES512"];
    private static readonly string[] ScopesSupported = [Scopes.OfflineAccess, "system/*.read", "system/*.write", "system/*.rs", "system/*.cruds"];
    private static readonly string[] Capabilities = ["client-confidential-symmetric", "client-confidential-asymmetric", "permission-v1", "permission-v2"];

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenService.TokenPath, ExchangeAsync)
            .AllowAnonymous()
            .RequireRateLimiting(TokenService.RateLimitPolicy)
            .ExcludeFromDescription();

        app.MapGet("/.well-known/smart-configuration", (HttpContext http) =>
            {
                var issuer = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.TokenIssuer.TrimEnd('/');
                return TypedResults.Json(new
                {
                    issuer,
                    token_endpoint = issuer + TokenService.TokenPath,
                    grant_types_supported = GrantTypesSupported,
                    token_endpoint_auth_methods_supported = AuthMethodsSupported,
                    token_endpoint_auth_signing_alg_values_supported = AssertionAlgorithmsSupported,
                    scopes_supported = ScopesSupported,
                    capabilities = Capabilities,
                });
            })
            .AllowAnonymous()
            // Like the token endpoint it describes, this belongs to the SMART on FHIR and OAuth2 protocols, which define
            // its shape; the OpenAPI document is for the REST API (ADR 0020).
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, ClinicDbContext db, IOpenIddictApplicationManager applications, IClock clock, Caller caller, AuditTrail audit)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The token request was not handled by the token service.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
            var properties = application is null ? null : await applications.GetPropertiesAsync(application, http.RequestAborted);
            if (properties is null || !properties.TryGetValue(TokenService.PracticeProperty, out var practice) || practice.ValueKind != JsonValueKind.String)
            {
                return Refuse(Errors.InvalidClient, "This client is not registered for a practice.");
            }

            // SMART Backend Services clients name system scopes; what an integration may do is its role's, so the
            // scopes it asks for are granted as asked when they are system scopes, and anything else is refused.
            var scopes = request.GetScopes();
            if (scopes.FirstOrDefault(scope => !SystemScope().IsMatch(scope)) is { } unknown)
            {
                return Refuse(Errors.InvalidScope, $"Integrations may ask for SMART system scopes (such as system/*.read or system/*.rs), not '{unknown}'.");
            }

            return Issue(request.ClientId!, Roles.Integration, Guid.Parse(practice.GetString()!), offline: false, scopes);
        }

        if (request.GrantType == TokenService.InvitationGrantType)
        {
            var code = (string?)request["code"];
            if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
            {
                return Refuse(Errors.InvalidRequest, "The code parameter is required.");
            }

            var now = clock.GetCurrentInstant();
            var hash = ClientInvitation.Hash(code);
            var invitation = await db.ClientInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, http.RequestAborted);
            var client = invitation is null ? null : await db.Clients.FirstOrDefaultAsync(c => c.Id == invitation.ClientId, http.RequestAborted);
            if (invitation is null || client is null || !invitation.CanBeRedeemed(now) || client.Status != ClientStatus.Active)
            {
                return Refuse(Errors.InvalidGrant, "The invitation code is invalid, used or expired.");
            }

            invitation.Redeem(now);
            caller.Impersonate(client.Id.ToString(), Roles.Client, client.PracticeId);
            audit.Record("invitation.redeem", "client", client.Id, client.Id);
            await db.SaveChangesAsync(http.RequestAborted);
            return Issue(client.Id.ToString(), Roles.Client, client.PracticeId, offline: true);
        }

        if (request.IsAuthorizationCodeGrantType())
        {
            // The identity was decided at /connect/authorize; OpenIddict has checked the code, the client and the PKCE verifier.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return result.Principal is { } principal
                ? Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Refuse(Errors.InvalidGrant, "The authorization code is no longer valid.");
        }

        if (request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var role = result.Principal?.GetClaim(ClinicClaims.Role);
            if (subject is null || role != Roles.Client || !Guid.TryParse(subject, out var clientId))
            {
                return Refuse(Errors.InvalidGrant, "The refresh token is no longer valid.");
            }

            var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, http.RequestAborted);
            return client is { Status: ClientStatus.Active }
                ? Issue(subject, Roles.Client, client.PracticeId, offline: true)
                : Refuse(Errors.InvalidGrant, "The refresh token is no longer valid.");
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>A SMART system scope, v1 (read, write, *) or v2 (c, r, u, d, s in that order), for one resource type or all.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^system/(\*|[A-Z][A-Za-z]{1,63})\.(read|write|\*|(?=[cruds])c?r?u?d?s?)$")]
    private static partial System.Text.RegularExpressions.Regex SystemScope();

    private static IResult Issue(string subject, string role, Guid practiceId, bool offline, IEnumerable<string>? scopes = null)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, ClinicClaims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(ClinicClaims.Role, role)
            .SetClaim(ClinicClaims.PracticeId, practiceId.ToString());
        identity.SetAudiences(AuthOptions.LocalAudience);
        if (offline)
        {
            identity.SetScopes(Scopes.OfflineAccess);
        }
        else if (scopes is not null)
        {
            identity.SetScopes(scopes);
        }

        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
