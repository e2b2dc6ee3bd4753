using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

public sealed class AssignPlanTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Therapist_assigns_a_plan_and_gets_201_with_location_and_etag()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await therapistApi.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", WithAssignments(TestPractice.Daily(2), TestPractice.Weekly(3), TestPractice.Once("2026-03-12")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var plan = await response.ReadAsync<JsonElement>();
        var id = plan.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/plans/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(plan.GetProperty("eTag").GetString(), response.Headers.ETag!.Tag);
        Assert.Equal("active", plan.GetProperty("status").GetString());
        Assert.Equal(therapist.Id, plan.GetProperty("therapistId").GetGuid());
        Assert.Equal(client.Id, plan.GetProperty("clientId").GetGuid());
        var schedules = plan.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("schedule").GetProperty("kind").GetString()).Order();
        Assert.Equal(["daily", "once", "weekly"], schedules);
    }

    [Fact]
    public async Task A_replayed_plan_creation_returns_the_same_plan_location_and_etag()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var body = WithAssignments(TestPractice.Daily(1));

        var first = await therapistApi.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", body, idempotencyKey: "ehr-order-77");
        var replay = await therapistApi.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", body, idempotencyKey: "ehr-order-77");

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((await first.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), (await replay.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        var plans = await (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/plans")).ReadAsync<JsonElement[]>();
        Assert.Single(plans);
    }

    [Fact]
    public async Task A_plan_sent_as_draft_starts_as_draft()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body(status: "draft"));

        var plan = await response.ReadAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        Assert.Equal(therapist.Id, plan.GetProperty("therapistId").GetGuid());
    }

    [Fact]
    public async Task Integration_must_name_the_assigning_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var without = await practice.Integration.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body());
        var with = await practice.Integration.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body(therapistId: therapist.Id));

        await without.AssertProblemAsync(HttpStatusCode.BadRequest, "therapistId");
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
    }

    [Fact]
    public async Task A_therapist_cannot_assign_to_a_colleagues_client()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (theirs, _) = await practice.AddClientAsync(colleague.Id);

        var response = await therapistApi.PostJsonAsync($"/api/v1/clients/{theirs.Id}/plans", Body());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_therapist_cannot_assign_in_a_colleagues_name()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (me, therapistApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (mine, _) = await practice.AddClientAsync(me.Id);

        var response = await therapistApi.PostJsonAsync($"/api/v1/clients/{mine.Id}/plans", Body(therapistId: colleague.Id));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Missing_title_and_no_assignments_are_a_400_naming_each()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", new { title = "", startDate = "2026-03-01", endDate = "2026-03-10", assignments = Array.Empty<object>() });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "title", "assignments");
    }

    [Fact]
    public async Task Reversed_dates_are_a_422_naming_endDate_as_when_a_plan_is_changed()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body(startDate: "2026-03-10", endDate: "2026-03-01"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
        Assert.Equal("plan_dates", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Bad_schedule_values_are_a_400_naming_the_nested_field()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", WithAssignments(TestPractice.Daily(7), TestPractice.Weekly(15)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "assignments[0].schedule.timesPerDay", "assignments[1].schedule.timesPerWeek");
    }

    [Fact]
    public async Task A_due_date_outside_the_plan_is_a_422_naming_the_nested_field()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", WithAssignments(TestPractice.Daily(1), TestPractice.Once("2026-04-30")));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "assignments[1].schedule.dueDate");
    }

    [Fact]
    public async Task A_plan_of_180_days_is_accepted_and_one_of_181_is_a_422_naming_endDate()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var longest = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body(startDate: "2026-03-01", endDate: "2026-08-27"));
        var tooLong = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body(startDate: "2026-03-01", endDate: "2026-08-28"));

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        await tooLong.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endDate");
    }

    [Fact]
    public async Task An_unknown_exercise_is_a_422_naming_its_key()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", WithAssignments(TestPractice.Daily(1), TestPractice.Daily(1, "no-such-exercise")));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "assignments[1].exerciseKey");
    }

    [Fact]
    public async Task Another_practices_custom_exercise_cannot_be_assigned()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        Assert.Equal(HttpStatusCode.Created, (await other.Admin.PostJsonAsync("/api/v1/exercises", Exercises.CreateExerciseTests.Body("their-secret"))).StatusCode);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", WithAssignments(TestPractice.Daily(1, "their-secret")));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "assignments[0].exerciseKey");
    }

    [Fact]
    public async Task An_unknown_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{Guid.NewGuid()}/plans", Body());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{theirs.Id}/plans", Body());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_may_not_assign_plans_even_to_themselves()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_discharged_client_gets_no_new_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { discharge = true });

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", Body());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "clientId");
    }

    [Fact]
    public async Task Assigning_with_an_idempotency_key_twice_creates_one_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var body = Body();

        var first = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", body, idempotencyKey: "ehr-order-1");
        var second = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", body, idempotencyKey: "ehr-order-1");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await first.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), (await second.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM plans WHERE client_id = @c", ("c", client.Id)));
    }

    internal static object WithAssignments(params object[] assignments) => Body(assignments: assignments);

    internal static object Body(string startDate = "2026-03-02", string endDate = "2026-03-15", string? status = null, Guid? therapistId = null, object[]? assignments = null) => new
    {
        title = "Meeting the inner critic with kindness",
        goal = "Answer self-criticism as a friend would",
        startDate,
        endDate,
        status,
        therapistId,
        assignments = assignments is { Length: > 0 } ? assignments : [TestPractice.Daily(1)],
    };
}
