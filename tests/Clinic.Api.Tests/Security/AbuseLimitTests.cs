using System.Net;
using System.Text;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

public sealed class AbuseLimitTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Body_over_64_KB_is_refused_with_413_problem()
    {
        var practice = await TestPractice.CreateAsync(api);
        var huge = new string('a', 70 * 1024);
        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", new { key = "big", title = "t", summary = "s", instructions = huge, defaultMinutes = 5 });
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_problem()
    {
        var practice = await TestPractice.CreateAsync(api);
        var deep = new StringBuilder("{\"key\":\"k\",\"title\":");
        for (var i = 0; i < 100; i++)
        {
            deep.Append('[');
        }

        deep.Append(new string(']', 100)).Append('}');
        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", deep.ToString());
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_properties_in_a_command_are_a_400_problem_naming_them()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = "A", email = "a@example.org", isAdmin = true });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "isAdmin");
    }

    [Fact]
    public async Task Page_size_over_100_is_a_400_problem_naming_limit()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Admin.GetAsync("/api/v1/clients?limit=101");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Over_long_strings_are_a_400_problem_naming_the_field()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = new string('x', 201), email = "long@example.org" });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await api.Anonymous().GetAsync("/health/live");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Cross_origin_requests_are_refused_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/exercises");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        var response = await api.Anonymous().SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>A factory with a tiny write budget and one allowed browser origin.</summary>
public sealed class LimitedApiFactory() : ConfiguredApiFactory(new Dictionary<string, string?>
{
    ["RateLimits:WritesPerMinute"] = "3",
    ["Cors:AllowedOrigins:0"] = "https://app.example",
});

public sealed class RateLimitTests(LimitedApiFactory fixture) : IClassFixture<LimitedApiFactory>
{
    [Fact]
    public async Task Writes_over_the_per_subject_budget_get_429_with_retry_after()
    {
        var admin = fixture.Api.ClientAs("admin", "rate-limited-admin", Guid.NewGuid());
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await admin.PostJsonAsync("/api/v1/exercises", new { key = $"k{i}", title = "t", summary = "s", instructions = "i", defaultMinutes = 5 });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last!.Headers.RetryAfter is not null, "Retry-After missing");
        await last.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Reads_are_not_rate_limited()
    {
        var admin = fixture.Api.ClientAs("admin", "reader-admin", Guid.NewGuid());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/exercises")).StatusCode);
        }
    }

    [Fact]
    public async Task A_configured_client_app_origin_may_call_from_a_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/exercises");
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        var response = await fixture.Api.Anonymous().SendAsync(request);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
