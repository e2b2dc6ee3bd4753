using System.Globalization;
using System.Security.Claims;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Clinic.Api.Features.Web;

/// <summary>
/// How therapists sign in to the pages: OpenID Connect, authorization code with PKCE, at Auth:Authority when it is
/// set and at this API's own token service otherwise, into a cookie that only the pages accept. The REST API keeps
/// its bearer tokens and never reads this cookie, so no page session can be used to call it from another site.
/// </summary>
public static class WebSignIn
{
    public const string CookieScheme = "clinic-web";
    public const string OpenIdConnectScheme = "clinic-web-oidc";
    public const string Policy = "clinic-web";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";
    public const string SignedOutPath = "/app/signed-out";

    /// <summary>A page session ends after this long without a request ...</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>... and at the latest this long after signing in.</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    private const string SignedInAtItem = "clinic.signed_in_at";
    private const string IdTokenName = "id_token";

    /// <summary>The only claims the page session keeps: the ones the API's own rules read, and a name to greet.</summary>
    private static readonly string[] KeptClaims = [ClinicClaims.Subject, ClinicClaims.Role, ClinicClaims.PracticeId, "name"];

    public static IServiceCollection AddClinicWebSignIn(this IServiceCollection services, AuthOptions auth, bool development)
    {
        if (auth.UsesExternalProvider && !development && !auth.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Auth:Authority must be an https URL outside Development.");
        }

        var publicBase = auth.TokenIssuer.TrimEnd('/');
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser()));
        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "__Host-clinic-session";
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.ForwardChallenge = OpenIdConnectScheme;
                cookie.Events.OnValidatePrincipal = context =>
                {
                    var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                            ? at
                            : DateTimeOffset.MinValue;
                    if (context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - signedInAt > AbsoluteTimeout)
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieScheme);
                    }

                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OpenIdConnectScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.SignOutScheme = CookieScheme;
                oidc.Authority = auth.UsesExternalProvider ? auth.Authority : publicBase + "/";
                // An external provider's metadata only over HTTPS (as the bearer handler reads it); this API's own is read
                // from itself, and its token service enforces HTTPS itself where HTTPS is required. Never a reason for the
                // handler, which sees every request, to fail requests that have nothing to do with signing in.
                oidc.RequireHttpsMetadata = auth.UsesExternalProvider && !development;
                oidc.ClientId = auth.Web.ClientId;
                oidc.ClientSecret = auth.UsesExternalProvider ? auth.Web.ClientSecret : TokenService.WebClientSecret(auth);
                oidc.ResponseType = OpenIdConnectResponseType.Code;

                // The code comes back in the query of a top-level GET, so every cookie can be SameSite=Lax; form_post would
                // need SameSite=None cookies and an auto-submitting page. The code is single-use, short-lived and worthless
                // without the PKCE verifier and the client secret, which never leave the server; no token is ever in a URL.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                oidc.Scope.Add(OpenIdConnectScope.OpenId);
                oidc.Scope.Add("profile");
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = ClinicClaims.Role;
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.DisableTelemetry = true;
                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = SignedOutPath;
                foreach (var temporary in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
                {
                    temporary.HttpOnly = true;
                    temporary.SecurePolicy = CookieSecurePolicy.Always;
                    temporary.SameSite = SameSiteMode.Lax;
                }

                oidc.Events.OnRedirectToIdentityProvider = context =>
                {
                    // The address registered with the provider, whatever host the request came through.
                    context.ProtocolMessage.RedirectUri = publicBase + CallbackPath;
                    return Task.CompletedTask;
                };
                oidc.Events.OnRedirectToIdentityProviderForSignOut = async context =>
                {
                    context.ProtocolMessage.ClientId = auth.Web.ClientId;
                    context.ProtocolMessage.PostLogoutRedirectUri = publicBase + SignedOutCallbackPath;
                    context.ProtocolMessage.IdTokenHint = await context.HttpContext.GetTokenAsync(CookieScheme, IdTokenName);
                };
                oidc.Events.OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    if (principal.FindFirstValue(ClinicClaims.Subject) is null || principal.FindFirstValue(ClinicClaims.Role) is null)
                    {
                        context.Fail("The provider's identity token names no subject or no role.");
                        return Task.CompletedTask;
                    }

                    var identity = new ClaimsIdentity(
                        principal.Claims.Where(c => KeptClaims.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)),
                        CookieScheme,
                        "name",
                        ClinicClaims.Role);
                    context.Principal = new ClaimsPrincipal(identity);
                    var properties = context.Properties!;
                    StampSignIn(properties, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());

                    // Only for signing out at the provider (id_token_hint); kept in the encrypted cookie, never sent anywhere else.
                    var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
                    if (idToken is not null)
                    {
                        properties.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
                    }

                    return Task.CompletedTask;
                };
                oidc.Events.OnRemoteFailure = context =>
                {
                    // The failure's details go nowhere near the browser: the page only says that sign-in did not complete.
                    var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSignIn));
                    logger.LogWarning("Page sign-in failed: {ExceptionType}", context.Failure?.GetType().Name);
                    context.Response.Redirect(SignedOutPath + "?problem=sign-in");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>Notes when the session began, which bounds how long it may last (<see cref="AbsoluteTimeout"/>).</summary>
    internal static void StampSignIn(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items[SignedInAtItem] = now.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The name the provider gave the signed-in person, for the page header.</summary>
    public static string? DisplayName(ClaimsPrincipal user) => user.FindFirstValue("name");
}
