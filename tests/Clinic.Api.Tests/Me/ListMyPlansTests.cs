using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Me;

public sealed class ListMyPlansTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_client_sees_exactly_their_own_plans()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (stranger, _) = await other.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var (neighbour, _) = await practice.AddClientAsync(therapist.Id);
        var (far, _) = await other.AddClientAsync(stranger.Id);
        var mine = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        await practice.AssignPlanAsync(neighbour.Id, "2026-03-02", "2026-03-15");
        await other.AssignPlanAsync(far.Id, "2026-03-02", "2026-03-15");

        var plans = await (await app.GetAsync("/api/v1/me/plans")).ReadAsync<JsonElement[]>();

        Assert.Equal([mine.Id], plans.Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(mine.Assignments.Single().Id, plans[0].GetProperty("assignments")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_client_without_plans_gets_an_empty_list()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var plans = await (await app.GetAsync("/api/v1/me/plans")).ReadAsync<JsonElement[]>();

        Assert.Empty(plans);
    }

    [Fact]
    public async Task Staff_have_no_me_plans()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();

        var byTherapist = await therapistApi.GetAsync("/api/v1/me/plans");
        var byAdmin = await practice.Admin.GetAsync("/api/v1/me/plans");

        await byTherapist.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
