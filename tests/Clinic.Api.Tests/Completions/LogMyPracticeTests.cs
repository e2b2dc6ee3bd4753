using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

/// <summary>
/// POST /me/completions: the client logs a practice of any exercise of the library by its key, in the moment or
/// not. Assigned in an active plan on that date, it counts for the assignment as any completion does; otherwise it
/// is the client's own practice, outside any plan. The clock stands at 2026-03-10T12:00Z.
/// </summary>
public sealed class LogMyPracticeTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_unassigned_exercise_logged_in_the_moment_is_the_clients_own_practice()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");

        var response = await LogAsync(app, "soften-soothe-allow", "2026-03-10T07:40:00Z", distressBefore: 9, distressAfter: 6, reflection: "The 3 a.m. critic again");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var logged = await response.ReadAsync<JsonElement>();
        var id = logged.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/me/completions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("assignmentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("planId").ValueKind);
        Assert.Equal("soften-soothe-allow", logged.GetProperty("exerciseKey").GetString());
        Assert.Equal("in_the_moment", logged.GetProperty("context").GetString());
        Assert.Equal("2026-03-10", logged.GetProperty("localDate").GetString());
        Assert.Equal("The 3 a.m. critic again", logged.GetProperty("reflection").GetString());

        var read = await (await app.GetAsync($"/api/v1/me/completions/{id}")).ReadAsync<JsonElement>();
        Assert.Equal("in_the_moment", read.GetProperty("context").GetString());
        var staffDay = (await (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/timeline?from=2026-03-10&to=2026-03-10")).ReadAsync<JsonElement>()).GetProperty("days")[0];
        var seen = Assert.Single(staffDay.GetProperty("completions").EnumerateArray());
        Assert.Equal(id, seen.GetProperty("id").GetGuid());
        Assert.Equal("03:40", seen.GetProperty("localTime").GetString());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("reflection").ValueKind);
        Assert.Equal(0, staffDay.GetProperty("expected").GetInt32());
        var export = await (await app.GetAsync("/api/v1/me/export")).ReadAsync<JsonElement>();
        Assert.Contains(export.GetProperty("completions").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task An_exercise_assigned_in_an_active_plan_counts_for_that_assignment()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1, "soothing-touch"));

        var logged = await (await LogAsync(app, "soothing-touch", "2026-03-09T03:00:00Z", distressBefore: 8, distressAfter: 4)).ReadAsync<JsonElement>();

        Assert.Equal(plan.Assignments[0].Id, logged.GetProperty("assignmentId").GetGuid());
        Assert.Equal(plan.Id, logged.GetProperty("planId").GetGuid());
        Assert.Equal("in_the_moment", logged.GetProperty("context").GetString());
        var summary = await Practise.SummaryAsync(therapistApi, plan.Id, "?asOf=2026-03-10T12:00:00Z");
        Assert.Equal(1, summary.GetProperty("credited").GetInt32());
        Assert.Equal(8.0, summary.GetProperty("quality").GetProperty("meanDistressBefore").GetDouble());
        var listed = await (await app.GetAsync($"/api/v1/assignments/{plan.Assignments[0].Id}/completions")).ReadAsync<JsonElement>();
        Assert.Equal(logged.GetProperty("id").GetGuid(), Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_assignment_with_a_schedule_comes_before_an_as_needed_one_and_the_latest_started_plan_first()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var older = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1, "soothing-touch"));
        var newer = await practice.AssignPlanAsync(client.Id, "2026-03-05", "2026-03-20", TestPractice.AsNeeded("soothing-touch"), TestPractice.Weekly(2, "soothing-touch"));
        var newest = await practice.AssignPlanAsync(client.Id, "2026-03-06", "2026-03-20", TestPractice.AsNeeded("soothing-touch"));

        var onTheEighth = await (await LogAsync(app, "soothing-touch", "2026-03-08T15:00:00Z")).ReadAsync<JsonElement>();
        var onTheThird = await (await LogAsync(app, "soothing-touch", "2026-03-03T15:00:00Z")).ReadAsync<JsonElement>();

        // Three plans assign it on 03-08: the weekly one of the later-started plan with a schedule wins over the
        // older daily one, and both over the newest plan's as-needed one.
        Assert.Equal(newer.Assignments[1].Id, onTheEighth.GetProperty("assignmentId").GetGuid());
        Assert.Equal(older.Assignments[0].Id, onTheThird.GetProperty("assignmentId").GetGuid());
        Assert.NotEqual(newest.Id, onTheEighth.GetProperty("planId").GetGuid());
    }

    [Fact]
    public async Task An_as_needed_assignment_takes_the_practice_when_no_scheduled_one_holds_the_date()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.AsNeeded("soothing-touch"));

        var logged = await (await LogAsync(app, "soothing-touch", "2026-03-09T03:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal(plan.Assignments[0].Id, logged.GetProperty("assignmentId").GetGuid());
    }

    [Fact]
    public async Task Practice_outside_the_assignments_dates_or_of_a_paused_plan_is_the_clients_own()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        await practice.AssignPlanAsync(client.Id, "2026-03-05", "2026-03-15", TestPractice.Daily(1, "soothing-touch"));
        var paused = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1, "compassionate-walking"));
        await Practise.TransitionAsync(api, practice, paused.Id, "pause", "2026-03-08T12:00:00Z");

        var before = await (await LogAsync(app, "soothing-touch", "2026-03-04T15:00:00Z")).ReadAsync<JsonElement>();
        var whilePaused = await (await LogAsync(app, "compassionate-walking", "2026-03-09T15:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Null, before.GetProperty("assignmentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, whilePaused.GetProperty("planId").ValueKind);
    }

    [Fact]
    public async Task A_replay_with_the_same_key_is_stored_once()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var key = Guid.NewGuid().ToString();
        var body = new { exerciseKey = "soothing-touch", context = "in_the_moment", completedAt = "2026-03-10T11:00:00Z", distressBefore = 8 };

        var first = await app.PostJsonAsync("/api/v1/me/completions", body, idempotencyKey: key);
        var replay = await app.PostJsonAsync("/api/v1/me/completions", body, idempotencyKey: key);

        Assert.Equal((await first.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), (await replay.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM completions WHERE client_id = @c", ("c", client.Id)));
    }

    [Fact]
    public async Task The_client_corrects_and_voids_their_own_practice_like_any_completion()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var id = (await (await LogAsync(app, "soothing-touch", "2026-03-10T07:00:00Z", distressBefore: 9, distressAfter: 7)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        var corrected = await (await app.PatchJsonAsync($"/api/v1/me/completions/{id}", new { distressAfter = 5, completedAt = "2026-03-10T06:30:00Z" }, idempotencyKey: Guid.NewGuid().ToString())).ReadAsync<JsonElement>();
        var voided = await (await app.PostJsonAsync($"/api/v1/me/completions/{id}/void", new { }, idempotencyKey: Guid.NewGuid().ToString())).ReadAsync<JsonElement>();

        Assert.Equal(5, corrected.GetProperty("distressAfter").GetInt32());
        Assert.Equal("2026-03-10T06:30:00Z", corrected.GetProperty("completedAt").GetString());
        Assert.NotEqual(JsonValueKind.Null, voided.GetProperty("voidedAt").ValueKind);
        var day = (await (await app.GetAsync("/api/v1/me/timeline?from=2026-03-10&to=2026-03-10")).ReadAsync<JsonElement>()).GetProperty("days")[0];
        Assert.Empty(day.GetProperty("completions").EnumerateArray());
    }

    [Theory]
    [InlineData("no-such-exercise")]
    [InlineData("retired-by-the-practice")]
    public async Task An_exercise_outside_the_library_is_a_422_naming_exerciseKey(string exerciseKey)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", Exercises.GuidedPracticeTests.Custom("retired-by-the-practice"));
        await practice.Admin.PatchJsonAsync("/api/v1/exercises/retired-by-the-practice", new { retired = true });

        var response = await LogAsync(app, exerciseKey, "2026-03-10T11:00:00Z");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "exerciseKey");
    }

    [Fact]
    public async Task Another_practices_custom_exercise_is_not_in_this_clients_library()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        await other.Admin.PostJsonAsync("/api/v1/exercises", Exercises.GuidedPracticeTests.Custom("their-own-touch"));

        var response = await LogAsync(app, "their-own-touch", "2026-03-10T11:00:00Z");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "exerciseKey");
    }

    [Theory]
    [InlineData("""{"exerciseKey":"soothing-touch","completedAt":"2026-03-10T11:00:00Z"}""", "context")]
    [InlineData("""{"exerciseKey":"soothing-touch","context":"at_night","completedAt":"2026-03-10T11:00:00Z"}""", "context")]
    [InlineData("""{"context":"in_the_moment","completedAt":"2026-03-10T11:00:00Z"}""", "exerciseKey")]
    [InlineData("""{"exerciseKey":"soothing-touch","context":"in_the_moment","completedAt":"2026-03-10T11:00:00Z","distressBefore":11}""", "distressBefore")]
    public async Task A_malformed_log_is_a_400_naming_the_field(string body, string field)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.PostJsonAsync("/api/v1/me/completions", body, idempotencyKey: Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_practice_in_the_future_is_a_422_naming_completedAt()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await LogAsync(app, "soothing-touch", "2026-03-10T12:06:00Z");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "completedAt");
    }

    [Fact]
    public async Task Staff_may_not_log_practice_for_a_client()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await LogAsync(practice.Admin, "soothing-touch", "2026-03-10T11:00:00Z");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_completion_sent_to_an_assignment_is_scheduled_unless_it_says_in_the_moment()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        var url = $"/api/v1/assignments/{plan.Assignments[0].Id}/completions";

        var plain = await (await app.PostJsonAsync(url, new { completedAt = "2026-03-09T15:00:00Z" }, idempotencyKey: Guid.NewGuid().ToString())).ReadAsync<JsonElement>();
        var moment = await (await app.PostJsonAsync(url, new { completedAt = "2026-03-10T03:00:00Z", context = "in_the_moment" }, idempotencyKey: Guid.NewGuid().ToString())).ReadAsync<JsonElement>();

        Assert.Equal("scheduled", plain.GetProperty("context").GetString());
        Assert.Equal("self-compassion-break", plain.GetProperty("exerciseKey").GetString());
        Assert.Equal("in_the_moment", moment.GetProperty("context").GetString());
    }

    [Fact]
    public async Task Practice_outside_a_plan_that_leaves_distress_at_9_opens_a_safety_alert_and_answers_with_crisis_resources()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var calm = await (await LogAsync(app, "soothing-touch", "2026-03-10T03:00:00Z", distressBefore: 9, distressAfter: 6)).ReadAsync<JsonElement>();
        var response = await LogAsync(app, "soothing-touch", "2026-03-10T04:00:00Z", distressBefore: 10, distressAfter: 9);

        Assert.False(calm.TryGetProperty("crisisResources", out _));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var logged = await response.ReadAsync<JsonElement>();
        Assert.NotEmpty(logged.GetProperty("crisisResources").EnumerateArray());
        var alerts = (await (await therapistApi.GetAsync($"/api/v1/alerts?status=open&clientId={client.Id}")).ReadAsync<JsonElement>()).GetProperty("items");
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(logged.GetProperty("id").GetGuid(), alert.GetProperty("sourceId").GetGuid());
        Assert.Equal(9, alert.GetProperty("value").GetInt32());
    }

    internal static Task<HttpResponseMessage> LogAsync(
        HttpClient app, string exerciseKey, string completedAt, int? distressBefore = null, int? distressAfter = null, string? reflection = null, string context = "in_the_moment") =>
        app.PostJsonAsync(
            "/api/v1/me/completions",
            new { exerciseKey, context, completedAt, distressBefore, distressAfter, reflection },
            idempotencyKey: Guid.NewGuid().ToString());
}
