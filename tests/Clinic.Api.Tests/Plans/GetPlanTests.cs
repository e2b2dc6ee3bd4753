using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
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
