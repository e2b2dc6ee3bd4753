using Clinic.Infrastructure.ClientAssertions;
using NodaTime;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// The token service as SMART Backend Services clients (EHRs, server to server) expect it. Client assertions
/// (<c>private_key_jwt</c>) as they send them. The token service expects the newer form (RFC 7523bis:
/// header typ <c>client-authentication+jwt</c>, audience the issuer); SMART Backend Services clients send the form of
/// RFC 7523 (typ <c>JWT</c>, audience the token endpoint's URL). Both are accepted; everything else about the assertion
/// (the integration's own keys, issuer and subject its client id, lifetime) is checked as before, and each assertion
/// is accepted once. And the granted scope is stated in every token response.
/// </summary>
internal static class SmartBackendServices
{
    /// <summary>A client assertion may say typ JWT (RFC 7523) as well as client-authentication+jwt (RFC 7523bis).</summary>
    public static OpenIddictServerHandlerDescriptor AcceptGenericType { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenContext>()
            .UseInlineHandler(context =>
            {
                if (context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) &&
                    context.TokenValidationParameters is { } parameters)
                {
                    var widened = parameters.Clone();
                    if (widened.ValidTypes is { } types)
                    {
                        widened.ValidTypes = [.. types, JsonWebTokenTypes.GenericJsonWebToken];
                    }

                    context.TokenValidationParameters = widened;
                }

                return ValueTask.CompletedTask;
            })
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>
    /// An assertion addressed to the token endpoint's URL is addressed to this token service, as well as one addressed
    /// to its issuer. Any other audience is refused.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor AcceptTokenEndpointAudience(Uri tokenEndpoint) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenContext>()
            .UseInlineHandler(context =>
            {
                if (context.ValidTokenTypes.Count == 1 &&
                    context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) &&
                    context.ValidAudiences.Count > 0)
                {
                    context.ValidAudiences.Add(tokenEndpoint.AbsoluteUri);
                }

                return ValueTask.CompletedTask;
            })
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 2)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>
    /// A generic typ says nothing of what the token is for, so a client assertion sent with typ JWT is taken as what it
    /// was asked for: it was checked against the integration's own keys, which sign nothing else here.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor TypeGenericAssertions { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenContext>()
            .UseInlineHandler(context =>
            {
                if (context.ValidTokenTypes.Count == 1 &&
                    context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) &&
                    context.Principal is { } principal &&
                    principal.GetTokenType() != TokenTypeIdentifiers.Private.ClientAssertion)
                {
                    principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);
                }

                return ValueTask.CompletedTask;
            })
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>How far ahead an assertion may expire (SMART Backend Services: at most five minutes), with a little clock skew.</summary>
    public static readonly Duration MaxLifetime = Duration.FromMinutes(5) + Duration.FromSeconds(30);

    /// <summary>
    /// Each assertion is accepted once: it must carry a jti and expire within <see cref="MaxLifetime"/>, and the
    /// client's jti is recorded until then (in the database, so a replay to another process is refused as well).
    /// Runs after the signature, issuer and expiry were checked, so only genuine assertions are recorded.
    /// </summary>
    public sealed class AcceptOnce(ClientAssertionUses uses) : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenContext>()
                .UseScopedHandler<AcceptOnce>()
                .SetOrder(OpenIddictServerHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenContext context)
        {
            if (context.IsRejected || context.Principal is not { } assertion ||
                !assertion.HasTokenType(TokenTypeIdentifiers.Private.ClientAssertion))
            {
                return;
            }

            var jwtId = assertion.GetClaim(Claims.JwtId);
            var clientId = assertion.GetClaim(Claims.Issuer);
            if (string.IsNullOrEmpty(jwtId) || jwtId.Length > ClientAssertionUse.MaxLength || string.IsNullOrEmpty(clientId))
            {
                context.Reject(Errors.InvalidClient, $"The client assertion needs a jti of up to {ClientAssertionUse.MaxLength} characters.");
                return;
            }

            // The token service's own clock, the one its expiry check used.
            var now = Instant.FromDateTimeOffset(context.Options.TimeProvider.GetUtcNow());
            if (ExpiryOf(assertion) is not { } expires || expires > now + MaxLifetime)
            {
                context.Reject(Errors.InvalidClient, "The client assertion must expire within five minutes.");
                return;
            }

            if (!await uses.TryUseAsync(clientId, jwtId, expires, context.CancellationToken))
            {
                context.Reject(Errors.InvalidClient, "This client assertion was already used; sign a new one, with a new jti, for each token request.");
            }
        }

        private static Instant? ExpiryOf(System.Security.Claims.ClaimsPrincipal assertion) =>
            assertion.GetExpirationDate() is { } expires ? Instant.FromDateTimeOffset(expires)
            : long.TryParse(assertion.GetClaim(Claims.ExpiresAt), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is > 0 and < 253402300799 ? Instant.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>
    /// SMART Backend Services requires the granted scope in every token response; OAuth 2.0 lets the server leave it out
    /// when it is the one asked for, which is the only case where it is missing here.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor StateGrantedScope { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ApplyTokenResponseContext>()
            .UseInlineHandler(context =>
            {
                if (!string.IsNullOrEmpty(context.Response.AccessToken) && string.IsNullOrEmpty(context.Response.Scope) &&
                    !string.IsNullOrEmpty(context.Request?.Scope))
                {
                    context.Response.Scope = context.Request.Scope;
                }

                return ValueTask.CompletedTask;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();
}
