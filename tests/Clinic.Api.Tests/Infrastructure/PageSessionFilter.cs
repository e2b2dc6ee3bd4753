using System.Security.Claims;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Tests only: <c>POST /test-only/page-session?sub=&amp;role=&amp;practice=&amp;name=</c> opens a page session for that
/// identity, the session the OpenID Connect sign-in opens (the browser tests go through the real sign-in), so that
/// in-memory tests can read the pages as any role of any practice.
/// </summary>
public sealed class PageSessionFilter : IStartupFilter
{
    public const string Path = "/test-only/page-session";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Path, session => session.Run(async context =>
        {
            var query = context.Request.Query;
            var claims = new List<Claim>
            {
                new(ClinicClaims.Subject, query["sub"].ToString()),
                new(ClinicClaims.Role, query["role"].ToString()),
                new("name", query["name"].ToString()),
            };
            if (!string.IsNullOrEmpty(query["practice"]))
            {
                claims.Add(new Claim(ClinicClaims.PracticeId, query["practice"].ToString()));
            }

            var properties = new AuthenticationProperties();
            WebSignIn.StampSignIn(properties, DateTimeOffset.UtcNow);
            await context.SignInAsync(WebSignIn.CookieScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, WebSignIn.CookieScheme, "name", ClinicClaims.Role)), properties);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }));
        next(app);
    };
}
