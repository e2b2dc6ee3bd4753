using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Web;

/// <summary>
/// The therapist's pages under <c>/app</c> (ADR 0060): Razor Pages rendered on the server from the same mediator
/// queries as the REST endpoints, charts drawn in the browser by a maintained library served from <c>/app/vendor</c>,
/// a Content-Security-Policy that allows no inline script, and an OpenID Connect sign-in (<see cref="WebSignIn"/>).
/// </summary>
public static class WebSetup
{
    public const string PathPrefix = "/app";

    /// <summary>Paths answered with HTML for a person: the pages, the sign-in pages and the sign-in callbacks.</summary>
    private static readonly string[] HtmlPrefixes = [PathPrefix, "/connect", WebSignIn.CallbackPath, WebSignIn.SignedOutCallbackPath];

    /// <summary>Static files under <c>/app</c>, which hold no client data and may be cached.</summary>
    private static readonly string[] AssetPrefixes = ["/app/assets", "/app/vendor"];

    public static IServiceCollection AddClinicWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var requireHttps = !environment.IsDevelopment() && configuration.GetValue("Transport:RequireHttps", true);
        services.AddRazorPages(pages =>
        {
            // Pages live beside the rest of their feature: /Features/Web (the pages) and /Features/Tokens (sign-in).
            pages.RootDirectory = "/Features";
            pages.Conventions.AuthorizeFolder("/Web", WebSignIn.Policy);
            pages.Conventions.AllowAnonymousToPage("/Web/SignedOut");
        });
        // Razor Pages bring MVC, and Swashbuckle describes the API with MVC's JSON options when they exist: they must be
        // the API's own (enums as snake_case words, NodaTime types), or the OpenAPI document would stop matching the answers.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => JsonSetup.Configure(options.JsonSerializerOptions));
        services.AddAntiforgery(antiforgery =>
        {
            // ASP.NET Core refuses to issue a Secure antiforgery cookie on a plain-HTTP request, so where HTTPS is not
            // required (Development on localhost) this one cookie goes without Secure, and so without the __Host- prefix.
            antiforgery.Cookie.Name = requireHttps ? "__Host-clinic-antiforgery" : "clinic-antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;

            // X-Frame-Options: DENY is set on every answer already (RequestLimits.UseSecurityHeaders).
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddClinicWebSignIn(auth, environment.IsDevelopment());
        services.AddSingleton(new ContentSecurityPolicy(auth));
        return services;
    }

    /// <summary>
    /// The pages' response headers, then their static files. The policy allows scripts and styles from this origin
    /// only (no inline script, no eval), nothing to be framed, and forms to post only here and to the provider.
    /// </summary>
    public static IApplicationBuilder UseClinicWebAssets(this IApplicationBuilder app)
    {
        var policy = app.ApplicationServices.GetRequiredService<ContentSecurityPolicy>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (HtmlPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                var asset = AssetPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = policy.Value;
                    if (!asset)
                    {
                        // A page holds client data: no copy in the browser's cache or a proxy's, and none after signing out.
                        headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    public static IEndpointRouteBuilder MapClinicWeb(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>The pages' Content-Security-Policy, worked out once from the sign-in configuration.</summary>
    public sealed class ContentSecurityPolicy(AuthOptions auth)
    {
        public string Value { get; } = string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            // Signing in and out posts a form whose answer redirects to the provider.
            "form-action " + string.Join(' ', new[] { "'self'", Origin(auth.TokenIssuer), auth.UsesExternalProvider ? Origin(auth.Authority!) : null }.OfType<string>().Distinct()),
            "frame-ancestors 'none'",
            "base-uri 'none'");

        private static string? Origin(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
