using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class AddAssignmentTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_assignment_is_added_with_the_current_etag()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PostJsonAsync($"{f.Url}/assignments", new { exerciseKey = "soothing-touch", schedule = new { kind = "weekly", timesPerWeek = 3 }, startDate = "2026-03-09" }, ifMatch: f.Plan.ETag);

        var plan = await response.ReadAsync<JsonElement>();
        Assert.Equal(2, plan.GetProperty("assignments").GetArrayLength());
        var added = plan.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("exerciseKey").GetString() == "soothing-touch");
        Assert.Equal("2026-03-09", added.GetProperty("startDate").GetString());
        Assert.Equal("2026-03-15", added.GetProperty("endDate").GetString());
        Assert.Equal(3, added.GetProperty("schedule").GetProperty("timesPerWeek").GetInt32());
        Assert.NotEqual(f.Plan.ETag, response.Headers.ETag?.Tag);
        var reread = await (await f.Therapist.GetAsync(f.Url)).ReadAsync<JsonElement>();
        Assert.Equal(2, reread.GetProperty("assignments").GetArrayLength());
    }

    [Fact]
    public async Task A_stale_etag_is_a_412_problem()
    {
        var f = await PlanFixture.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await f.Therapist.PatchJsonAsync(f.Url, new { title = "Edited" }, ifMatch: f.Plan.ETag)).StatusCode);

        var response = await f.Therapist.PostJsonAsync($"{f.Url}/assignments", TestPractice.Daily(1, "soothing-touch"), ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_missing_if_match_is_a_428_problem()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PostJsonAsync($"{f.Url}/assignments", TestPractice.Daily(1, "soothing-touch"));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task A_daily_schedule_without_times_per_day_is_a_400_naming_it()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PostJsonAsync($"{f.Url}/assignments", new { exerciseKey = "soothing-touch", schedule = new { kind = "daily", timesPerWeek = 2 } }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "schedule.timesPerDay", "schedule.timesPerWeek");
    }

    [Fact]
    public async Task Dates_outside_the_plan_are_a_422_naming_the_date()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PostJsonAsync($"{f.Url}/assignments", new { exerciseKey = "soothing-touch", schedule = new { kind = "daily", timesPerDay = 1 }, endDate = "2026-04-01" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PostJsonAsync($"/api/v1/plans/{Guid.NewGuid()}/assignments", TestPractice.Daily(1), ifMatch: "\"1\"");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        var response = await other.Admin.PostJsonAsync($"{f.Url}/assignments", TestPractice.Daily(1), ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_may_not_add_assignments()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync($"{f.Url}/assignments", TestPractice.Daily(1, "soothing-touch"), ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
