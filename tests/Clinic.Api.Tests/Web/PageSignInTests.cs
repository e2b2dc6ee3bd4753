using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Clinic.Api.Tests.Web;

/// <summary>
/// How the pages sign people in: OpenID Connect with the authorization code and PKCE, no token in any address, cookies
/// that are Secure, HttpOnly and SameSite, antiforgery on every form, and a page session that opens the pages only,
/// never the API (which keeps its bearer tokens). The whole sign-in in a browser is in SessionPrepPagesTests.
/// </summary>
public sealed partial class PageSignInTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_anonymous_visit_goes_to_the_provider_with_a_PKCE_challenge_and_no_token_in_the_address()
    {
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await browser.GetAsync("/app");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("http://localhost/connect/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("clinic-web", query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"].ToString());
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.DoesNotContain(query.Keys, key => key.Contains("token", StringComparison.OrdinalIgnoreCase) || key == "code_verifier" || key == "client_secret");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => AssertProtected(cookie, sameSite: "lax"));
        AssertStrictPolicy(response);
    }

    [Fact]
    public async Task A_bearer_token_does_not_open_the_pages_and_a_page_session_does_not_open_the_API()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var pages = await api.PagesAs(Roles.Therapist, therapist.Id.ToString(), practice.Id);

        using var bearerOnPage = await api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false })
            .SendAsync(new HttpRequestMessage(HttpMethod.Get, "/app") { Headers = { Authorization = therapistApi.DefaultRequestHeaders.Authorization } });
        using var cookieOnApi = await pages.GetAsync("/api/v1/caseload");

        Assert.Equal(HttpStatusCode.Redirect, bearerOnPage.StatusCode);
        Assert.StartsWith("http://localhost/connect/authorize?", bearerOnPage.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/app")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await therapistApi.GetAsync("/api/v1/caseload")).StatusCode);
    }

    [Fact]
    public async Task The_page_session_cookie_is_Secure_HttpOnly_SameSite_and_host_only()
    {
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await browser.PostAsync(new Uri($"{PageSessionFilter.Path}?sub=t&role=therapist&name=T&practice={Guid.NewGuid()}", UriKind.Relative), null);

        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-clinic-session=", StringComparison.Ordinal));
        AssertProtected(session, sameSite: "lax");
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_is_a_form_that_needs_its_antiforgery_token_and_ends_both_sessions()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var pages = await api.PagesAs(Roles.Therapist, therapist.Id.ToString(), practice.Id);

        using var forged = await pages.PostAsync(new Uri("/app/sign-out", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/app")).StatusCode);

        var form = await (await pages.GetAsync("/app/sign-out")).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        using var signedOut = await pages.PostAsync(new Uri("/app/sign-out", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var location = signedOut.Headers.Location!;
        Assert.Equal("http://localhost/connect/endsession", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("clinic-web", query["client_id"].ToString());
        Assert.Equal("http://localhost/signout-callback-oidc", query["post_logout_redirect_uri"].ToString());
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-clinic-session=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await pages.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_page_the_token_service_signs_nobody_in()
    {
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var challenge = (await browser.GetAsync("/app")).Headers.Location!;

        using var authorize = await browser.GetAsync(challenge);
        using var signInPage = await browser.GetAsync("/connect/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var back = authorize.Headers.Location!;
        Assert.Equal("http://localhost/signin-oidc", back.GetLeftPart(UriPartial.Path));
        Assert.Equal("login_required", QueryHelpers.ParseQuery(back.Query)["error"].ToString());
        Assert.False(QueryHelpers.ParseQuery(back.Query).ContainsKey("code"));
        Assert.Equal(HttpStatusCode.NotFound, signInPage.StatusCode);
    }

    private static void AssertProtected(string setCookie, string sameSite)
    {
        var attributes = setCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains($"samesite={sameSite}", attributes);
    }

    internal static void AssertStrictPolicy(HttpResponseMessage response)
    {
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
