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
    public async Task A_status_filter_lists_the_plans_in_any_of_the_statuses_named()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var cancelled = await practice.AssignPlanAsync(client.Id, "2026-01-05", "2026-01-31");
        var paused = await practice.AssignPlanAsync(client.Id, "2026-02-02", "2026-02-28");
        var active = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PostAsync($"/api/v1/plans/{cancelled.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PostAsync($"/api/v1/plans/{paused.Id}/pause", null)).StatusCode);

        async Task<Guid[]> IdsAsync(HttpClient caller, string url) =>
            [.. (await (await caller.GetAsync(url)).ReadAsync<JsonElement[]>()).Select(p => p.GetProperty("id").GetGuid())];

        Assert.Equal([active.Id], await IdsAsync(therapistApi, $"/api/v1/clients/{client.Id}/plans?status=active"));
        Assert.Equal([active.Id, paused.Id], await IdsAsync(therapistApi, $"/api/v1/clients/{client.Id}/plans?status=active,paused"));
        Assert.Equal([active.Id, paused.Id, cancelled.Id], await IdsAsync(therapistApi, $"/api/v1/clients/{client.Id}/plans"));
        Assert.Equal([paused.Id], await IdsAsync(app, "/api/v1/me/plans?status=paused"));
        Assert.Empty(await IdsAsync(app, "/api/v1/me/plans?status=completed"));

        var response = await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/plans?status=active,finished");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "status");
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
