using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class UpdatePlanTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_plan_is_edited_with_its_current_etag_and_gets_a_new_one()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { title = "Softer evenings", endDate = "2026-03-22", nextSessionAt = "2026-03-23T15:00:00-04:00" }, ifMatch: f.Plan.ETag);

        var plan = await response.ReadAsync<JsonElement>();
        Assert.Equal("Softer evenings", plan.GetProperty("title").GetString());
        Assert.Equal("2026-03-22", plan.GetProperty("endDate").GetString());
        Assert.Equal("2026-03-23T19:00:00Z", plan.GetProperty("nextSessionAt").GetString());
        Assert.NotEqual(f.Plan.ETag, response.Headers.ETag?.Tag);
        Assert.Equal(plan.GetProperty("eTag").GetString(), response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_stale_etag_is_a_412_problem()
    {
        var f = await PlanFixture.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await f.Therapist.PatchJsonAsync(f.Url, new { title = "First edit" }, ifMatch: f.Plan.ETag)).StatusCode);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { title = "Second edit from an old copy" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var plan = await (await f.Therapist.GetAsync(f.Url)).ReadAsync<JsonElement>();
        Assert.Equal("First edit", plan.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_missing_if_match_is_a_428_problem()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { title = "No precondition" });

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task An_empty_title_is_a_400_naming_title()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { title = "" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "title");
    }

    [Fact]
    public async Task Reversed_dates_are_a_422_naming_endDate_as_when_the_plan_is_assigned()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { startDate = "2026-03-10", endDate = "2026-03-01" }, ifMatch: f.Plan.ETag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
        Assert.Equal("plan_dates", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Stretching_a_plan_beyond_180_days_is_a_422_naming_endDate()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync(f.Url, new { endDate = "2026-12-31" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"/api/v1/plans/{Guid.NewGuid()}", new { title = "x" }, ifMatch: "\"1\"");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        var response = await other.Admin.PatchJsonAsync(f.Url, new { title = "x" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_may_not_edit_their_plan()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.App.PatchJsonAsync(f.Url, new { title = "Less homework" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
