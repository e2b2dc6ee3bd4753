using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Webhooks;

/// <summary>Subscriptions as a practice admin manages them, outside Development and with no allow-list.</summary>
public sealed class ManageWebhooksTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_subscription_shows_its_secret_once_and_is_listed_without_it()
    {
        var practice = await TestPractice.CreateAsync(api);

        var created = await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://ehr.example/hooks", eventTypes = new[] { "skip.reported", "completion.recorded" }, description = "EHR" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var webhook = body.GetProperty("webhook");
        Assert.Equal(["completion.recorded", "skip.reported"], webhook.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"/api/v1/webhooks/{webhook.GetProperty("id").GetGuid()}", created.Headers.Location?.ToString());
        var listed = await (await practice.Admin.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        Assert.Contains("ehr.example", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'webhook.create' AND practice_id = @p", ("p", practice.Id)));
    }

    [Theory]
    [InlineData("http://ehr.example/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://192.168.0.7/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://user:pass@ehr.example/hooks")]
    [InlineData("not a url")]
    public async Task Outside_development_a_url_must_be_https_and_public(string url)
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_naming_them()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://ehr.example/hooks", eventTypes = new[] { "completion.recorded", "completion.deleted" } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "eventTypes[1]");
    }

    [Fact]
    public async Task Rotating_gives_a_new_secret_and_disabling_and_deleting_take_effect()
    {
        var practice = await TestPractice.CreateAsync(api);
        var created = await (await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://ehr.example/hooks", eventTypes = new[] { "*" } })).ReadJsonAsync();
        var id = created.GetProperty("webhook").GetProperty("id").GetGuid();

        var rotated = await (await practice.Admin.PostJsonAsync($"/api/v1/webhooks/{id}/secret", new { })).ReadJsonAsync();
        var disabled = await (await practice.Admin.PatchJsonAsync($"/api/v1/webhooks/{id}", new { enabled = false })).ReadJsonAsync();
        var deleted = await practice.Admin.SendJsonAsync(HttpMethod.Delete, $"/api/v1/webhooks/{id}", null);
        var gone = await practice.Admin.GetAsync($"/api/v1/webhooks/{id}");

        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_practices_admins_manage_its_subscriptions()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var created = await (await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://ehr.example/hooks", eventTypes = new[] { "*" } })).ReadJsonAsync();
        var id = created.GetProperty("webhook").GetProperty("id").GetGuid();

        await (await therapistApi.GetAsync("/api/v1/webhooks")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await practice.Integration.PostJsonAsync("/api/v1/webhooks", new { url = "https://ehr.example/x", eventTypes = new[] { "*" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Admin.GetAsync($"/api/v1/webhooks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await other.Admin.GetAsync("/api/v1/webhooks")).ReadJsonAsync()).EnumerateArray());
        Assert.NotEqual(Guid.Empty, therapist.Id);
    }
}
