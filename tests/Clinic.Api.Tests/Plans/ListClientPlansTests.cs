using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class ListClientPlansTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_clients_plans_are_listed_newest_first()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var (otherClient, _) = await practice.AddClientAsync(therapist.Id);
        var older = await practice.AssignPlanAsync(client.Id, "2026-02-01", "2026-02-28");
        var newer = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        await practice.AssignPlanAsync(otherClient.Id, "2026-03-02", "2026-03-15");

        var plans = await (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/plans")).ReadAsync<JsonElement[]>();

        Assert.Equal([newer.Id, older.Id], plans.Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task The_client_lists_their_own_plans_by_id()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var plans = await (await app.GetAsync($"/api/v1/clients/{client.Id}/plans")).ReadAsync<JsonElement[]>();

        Assert.Equal([plan.Id], plans.Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task An_unknown_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync($"/api/v1/clients/{Guid.NewGuid()}/plans");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);
        await other.AssignPlanAsync(theirs.Id, "2026-03-02", "2026-03-15");

        var response = await practice.Admin.GetAsync($"/api/v1/clients/{theirs.Id}/plans");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_plans_are_a_404_for_a_client_token()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var (someoneElse, _) = await practice.AddClientAsync(therapist.Id);
        await practice.AssignPlanAsync(someoneElse.Id, "2026-03-02", "2026-03-15");

        var response = await app.GetAsync($"/api/v1/clients/{someoneElse.Id}/plans");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_may_not_list_plans()
    {
        var response = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync($"/api/v1/clients/{Guid.NewGuid()}/plans");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
