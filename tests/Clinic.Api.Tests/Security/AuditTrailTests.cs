using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

public sealed class AuditTrailTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_reads_who_touched_a_clients_data_newest_first()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        await app.PostJsonAsync($"/api/v1/assignments/{plan.Assignments[0].Id}/completions", new { completedAt = "2026-03-09T15:00:00Z" }, idempotencyKey: "audit-1");
        await therapistClient.GetAsync($"/api/v1/plans/{plan.Id}");

        var page = await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}")).ReadJsonAsync();

        var events = page.GetProperty("items").EnumerateArray().ToList();
        var actions = events.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["plan.read", "completion.create", "plan.create", "client.create"], actions);
        var read = events[0];
        Assert.Equal(therapist.Id.ToString(), read.GetProperty("subjectId").GetString());
        Assert.Equal("therapist", read.GetProperty("role").GetString());
        Assert.Equal(plan.Id, read.GetProperty("resourceId").GetGuid());
        Assert.Equal("success", read.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(read.GetProperty("requestId").GetString()));
        Assert.Equal(client.Id.ToString(), events[1].GetProperty("subjectId").GetString());
    }

    [Fact]
    public async Task Audit_pages_follow_the_cursor_without_overlap()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        for (var i = 0; i < 5; i++)
        {
            await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}");
        }

        var first = await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}&limit=4")).ReadJsonAsync();
        var cursor = first.GetProperty("nextCursor").GetInt64();
        var second = await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}&limit=4&cursor={cursor}")).ReadJsonAsync();

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Refused_attempts_are_recorded_as_denied()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (t1, _) = await practice.AddTherapistAsync();
        var (t2, t2Client) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(t1.Id);

        var response = await t2Client.GetAsync($"/api/v1/clients/{client.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var page = await (await practice.Admin.GetAsync("/api/v1/audit")).ReadJsonAsync();
        var denied = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("outcome").GetString() == "denied").ToList();
        var entry = Assert.Single(denied);
        Assert.Equal(t2.Id.ToString(), entry.GetProperty("subjectId").GetString());
        Assert.Equal("client", entry.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task Audit_filters_are_validated()
    {
        var practice = await TestPractice.CreateAsync(api);
        await (await practice.Admin.GetAsync("/api/v1/audit?from=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await practice.Admin.GetAsync("/api/v1/audit?limit=500")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}

/// <summary>The API as deployed: Production, HTTPS required.</summary>
public sealed class ProductionApiFactory() : ConfiguredApiFactory(
    new Dictionary<string, string?> { ["Transport:RequireHttps"] = "true", ["HTTPS_PORT"] = "443" },
    environmentName: "Production");

public sealed class TransportTests(ProductionApiFactory fixture) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https_outside_development()
    {
        var client = fixture.Api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/v1/exercises");
        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"got {(int)response.StatusCode}");
        Assert.Equal("https", response.Headers.Location!.Scheme);
    }

    [Fact]
    public async Task Https_responses_carry_hsts()
    {
        var client = fixture.Api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://clinic.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
