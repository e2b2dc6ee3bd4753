using System.Security.Claims;
using Clinic.Api.Common.Auth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Tokens;

/// <summary>
/// <c>/connect/authorize</c> and <c>/connect/endsession</c> of the token service, for the pages' OpenID Connect
/// sign-in. OpenIddict has already checked the client, its redirect address and the PKCE challenge; this decides who
/// signs in: whoever holds the token service's own session (<see cref="TokenService.SignInScheme"/>), which its
/// sign-in page opens. Without a sign-in page (Auth:DemoSignIn off) nobody can sign in here, and the pages are
/// meant to use an external provider (Auth:Authority).
/// </summary>
public static class AuthorizationEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Post];

    public static IEndpointRouteBuilder MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        // The OpenID Connect protocol defines these; they belong in no REST document (ADR 0020).
        app.MapMethods(TokenService.AuthorizationPath, Methods, (Delegate)AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(TokenService.EndSessionPath, Methods, (Delegate)EndSessionAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOptions<AuthOptions> options)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The authorization request was not handled by the token service.");
        var session = await http.AuthenticateAsync(TokenService.SignInScheme);
        if (session.Principal is not { } user)
        {
            if (request.HasPromptValue(PromptValues.None) || !options.Value.DemoSignIn.Enabled)
            {
                return Refuse(Errors.LoginRequired, "Nobody is signed in, and this service has no sign-in page of its own.");
            }

            // To the sign-in page, and back here with the same request once signed in.
            var parameters = request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value));
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [TokenService.SignInScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, ClinicClaims.Role);
        foreach (var type in new[] { Claims.Subject, Claims.Name, ClinicClaims.Role, ClinicClaims.PracticeId })
        {
            if (user.FindFirstValue(type) is { } value)
            {
                identity.SetClaim(type, value);
            }
        }

        identity.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, Scopes.Profile]));
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(TokenService.SignInScheme);

        // OpenIddict sends the browser on to the client's registered post-logout address.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
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
