using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class ChangeAssignmentTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_assignment_is_narrowed_and_reworded_with_the_current_etag()
    {
        var f = await PlanFixture.CreateAsync(api);
        var assignmentId = f.Plan.Assignments.Single().Id;

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{assignmentId}", new { startDate = "2026-03-05", endDate = "2026-03-12", instructions = "After the evening call." }, ifMatch: f.Plan.ETag);

        var plan = await response.ReadAsync<JsonElement>();
        var assignment = plan.GetProperty("assignments")[0];
        Assert.Equal("2026-03-05", assignment.GetProperty("startDate").GetString());
        Assert.Equal("2026-03-12", assignment.GetProperty("endDate").GetString());
        Assert.Equal("After the evening call.", assignment.GetProperty("instructions").GetString());
        Assert.NotEqual(f.Plan.ETag, response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_stale_etag_is_a_412_problem()
    {
        var f = await PlanFixture.CreateAsync(api);
        var url = $"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}";
        Assert.Equal(HttpStatusCode.OK, (await f.Therapist.PatchJsonAsync(url, new { instructions = "one" }, ifMatch: f.Plan.ETag)).StatusCode);

        var response = await f.Therapist.PatchJsonAsync(url, new { instructions = "two" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_missing_if_match_is_a_428_problem()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}", new { instructions = "x" });

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Reversed_dates_are_a_422_naming_endDate()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}", new { startDate = "2026-03-12", endDate = "2026-03-05" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
    }

    [Fact]
    public async Task A_start_before_the_plan_is_a_422_naming_startDate()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}", new { startDate = "2026-02-20" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "startDate");
    }

    [Fact]
    public async Task An_unknown_assignment_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{Guid.NewGuid()}", new { instructions = "x" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_assignment_of_another_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);
        var g = await PlanFixture.CreateAsync(api);

        var response = await f.Therapist.PatchJsonAsync($"{f.Url}/assignments/{g.Plan.Assignments.Single().Id}", new { instructions = "x" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_plan_is_a_404()
    {
        var f = await PlanFixture.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        var response = await other.Admin.PatchJsonAsync($"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}", new { instructions = "x" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_may_not_change_assignments()
    {
        var f = await PlanFixture.CreateAsync(api);

        var response = await f.App.PatchJsonAsync($"{f.Url}/assignments/{f.Plan.Assignments.Single().Id}", new { instructions = "x" }, ifMatch: f.Plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
