using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;

namespace Clinic.Api.Tests.Plans;

public sealed class ChangePlanStatusTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_draft_plan_is_activated()
    {
        var (practice, planId) = await DraftPlanAsync();

        var plan = await (await practice.Admin.PostAsync($"/api/v1/plans/{planId}/activate", null)).ReadAsync<JsonElement>();

        Assert.Equal("active", plan.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pause_and_resume_are_recorded_with_the_clock_times()
    {
        var (practice, planId) = await ActivePlanAsync();
        api.Clock.Reset(Instant.FromUtc(2026, 3, 4, 15, 0));
        var paused = await (await practice.Admin.PostAsync($"/api/v1/plans/{planId}/pause", null)).ReadAsync<JsonElement>();
        api.Clock.Reset(Instant.FromUtc(2026, 3, 6, 9, 30));
        var resumed = await (await practice.Admin.PostAsync($"/api/v1/plans/{planId}/resume", null)).ReadAsync<JsonElement>();
        api.Clock.Reset(Instant.FromUtc(2026, 3, 10, 12, 0));

        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        var pause = Assert.Single(resumed.GetProperty("pauses").EnumerateArray());
        Assert.Equal("2026-03-04T15:00:00Z", pause.GetProperty("pausedAt").GetString());
        Assert.Equal("2026-03-06T09:30:00Z", pause.GetProperty("resumedAt").GetString());
    }

    [Theory]
    [InlineData("complete", "completed")]
    [InlineData("cancel", "cancelled")]
    public async Task An_active_plan_is_closed(string action, string status)
    {
        var (practice, planId) = await ActivePlanAsync();

        var plan = await (await practice.Admin.PostAsync($"/api/v1/plans/{planId}/{action}", null)).ReadAsync<JsonElement>();

        Assert.Equal(status, plan.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("complete")]
    [InlineData("pause")]
    public async Task A_draft_plan_cannot_take_that_transition(string action)
    {
        var (practice, planId) = await DraftPlanAsync();

        var response = await practice.Admin.PostAsync($"/api/v1/plans/{planId}/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("activate")]
    [InlineData("resume")]
    public async Task An_active_plan_cannot_take_that_transition(string action)
    {
        var (practice, planId) = await ActivePlanAsync();

        var response = await practice.Admin.PostAsync($"/api/v1/plans/{planId}/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("activate")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("complete")]
    [InlineData("cancel")]
    public async Task A_cancelled_plan_takes_no_transition(string action)
    {
        var (practice, planId) = await ActivePlanAsync();
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PostAsync($"/api/v1/plans/{planId}/cancel", null)).StatusCode);

        var response = await practice.Admin.PostAsync($"/api/v1/plans/{planId}/{action}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_changes_nothing()
    {
        var (practice, planId) = await ActivePlanAsync();

        var response = await practice.Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/plans/{planId}/pause", null, ifMatch: "\"999\"");

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var plan = await (await practice.Admin.GetAsync($"/api/v1/plans/{planId}")).ReadAsync<JsonElement>();
        Assert.Equal("active", plan.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_transition_returns_a_new_etag()
    {
        var (practice, planId) = await ActivePlanAsync();
        var before = (await practice.Admin.GetAsync($"/api/v1/plans/{planId}")).Headers.ETag!.Tag;

        var response = await practice.Admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/plans/{planId}/pause", null, ifMatch: before);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before, response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostAsync($"/api/v1/plans/{Guid.NewGuid()}/pause", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_plan_is_a_404()
    {
        var (_, planId) = await ActivePlanAsync();
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostAsync($"/api/v1/plans/{planId}/cancel", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_may_not_change_their_plans_status()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var response = await app.PostAsync($"/api/v1/plans/{plan.Id}/pause", null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<(TestPractice Practice, Guid PlanId)> ActivePlanAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        return (practice, plan.Id);
    }

    private async Task<(TestPractice Practice, Guid PlanId)> DraftPlanAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", AssignPlanTests.Body(status: "draft"));
        return (practice, (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
    }
}
