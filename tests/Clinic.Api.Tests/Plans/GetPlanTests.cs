using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class GetPlanTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_plan_is_read_with_its_etag_header()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        foreach (var caller in new[] { practice.Admin, practice.Integration, therapistApi, app })
        {
            var response = await caller.GetAsync($"/api/v1/plans/{plan.Id}");
            var read = await response.ReadAsync<JsonElement>();
            Assert.Equal(plan.Id, read.GetProperty("id").GetGuid());
            Assert.Equal(plan.ETag, response.Headers.ETag?.Tag);
            Assert.Equal(plan.ETag, read.GetProperty("eTag").GetString());
            Assert.Equal("2026-03-02", read.GetProperty("startDate").GetString());
            Assert.Single(read.GetProperty("assignments").EnumerateArray());
        }
    }

    [Fact]
    public async Task A_read_with_the_current_etag_in_if_none_match_is_a_304_until_the_plan_changes()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var created = await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{client.Id}/plans/by-external-id/EHR-PLAN-304", new
        {
            title = "Kindness towards the inner critic",
            startDate = "2026-03-02",
            endDate = "2026-03-15",
            assignments = new[] { TestPractice.Daily(1) },
        });
        var plan = await created.ReadAsync<PlanResponse>();
        var url = $"/api/v1/plans/{plan.Id}";

        foreach (var tag in new[] { plan.ETag, $"W/{plan.ETag}", $"\"0\", {plan.ETag}", "*" })
        {
            using var notModified = await GetAsync(therapistApi, url, tag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(plan.ETag, notModified.Headers.ETag?.Tag);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await therapistApi.PatchJsonAsync(url, new { title = "Softer evenings" }, ifMatch: plan.ETag)).StatusCode);

        using var changed = await GetAsync(therapistApi, url, plan.ETag);
        var read = await changed.ReadAsync<JsonElement>();
        Assert.Equal("Softer evenings", read.GetProperty("title").GetString());
        Assert.NotEqual(plan.ETag, changed.Headers.ETag?.Tag);

        using var byExternalId = await GetAsync(practice.Integration, "/api/v1/by-external-id/plans/EHR-PLAN-304", changed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, byExternalId.StatusCode);
        using var byExternalIdStale = await GetAsync(practice.Integration, "/api/v1/by-external-id/plans/EHR-PLAN-304", plan.ETag);
        Assert.Equal(HttpStatusCode.OK, byExternalIdStale.StatusCode);
    }

    [Fact]
    public async Task If_none_match_does_not_turn_another_practices_plan_into_a_304()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);
        var plan = await other.AssignPlanAsync(theirs.Id, "2026-03-02", "2026-03-15");

        using var response = await GetAsync(practice.Admin, $"/api/v1/plans/{plan.Id}", "*");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient caller, string url, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await caller.SendAsync(request);
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync($"/api/v1/plans/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_plan_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);
        var plan = await other.AssignPlanAsync(theirs.Id, "2026-03-02", "2026-03-15");

        var response = await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_plan_is_a_404_for_a_client_token()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var (someoneElse, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(someoneElse.Id, "2026-03-02", "2026-03-15");

        var response = await app.GetAsync($"/api/v1/plans/{plan.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_colleagues_plan_is_a_404_for_a_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (theirs, _) = await practice.AddClientAsync(colleague.Id);
        var plan = await practice.AssignPlanAsync(theirs.Id, "2026-03-02", "2026-03-15");

        var response = await therapistApi.GetAsync($"/api/v1/plans/{plan.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_may_not_read_plans()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var response = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync($"/api/v1/plans/{plan.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
