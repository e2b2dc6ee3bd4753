using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Measures;

/// <summary>
/// Staff ask a client to complete a measure once, every N weeks or before each session, and the client app lists what
/// is due now, in the client's time zone: weekly periods open at local midnight and a session's measure at the same
/// local time two days before, whatever the clocks do in between.
/// </summary>
public sealed class MeasureScheduleTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_weekly_measure_opens_at_local_midnight_when_the_clocks_have_sprung_forward()
    {
        var world = await MeasureWorld.CreateAsync(api, "America/New_York");
        await At("2026-03-02T17:00:00Z", () => ScheduleAsync(world, new { measureKey = "phq-9", kind = "every_n_weeks", everyWeeks = 1, startDate = "2026-03-02" }));

        // 2026-03-08 23:30 EDT: still the first week, which opened at midnight EST (05:00Z).
        var firstWeek = Assert.Single(await At("2026-03-09T03:30:00Z", () => DueAsync(world)));
        // 2026-03-09 00:30 EDT: the second week opened at midnight EDT, 04:00Z, 167 hours after the first.
        var secondWeek = Assert.Single(await At("2026-03-09T04:30:00Z", () => DueAsync(world)));

        Assert.Equal("2026-03-02T05:00:00Z", firstWeek.GetProperty("dueSince").GetString());
        Assert.Equal("2026-03-09T04:00:00Z", firstWeek.GetProperty("dueBy").GetString());
        Assert.Equal("2026-03-09T04:00:00Z", secondWeek.GetProperty("dueSince").GetString());
        Assert.Equal("2026-03-16T04:00:00Z", secondWeek.GetProperty("dueBy").GetString());
        Assert.Equal("phq-9", secondWeek.GetProperty("measureKey").GetString());
        Assert.Equal(9, secondWeek.GetProperty("instrument").GetProperty("items").GetArrayLength());
        Assert.Equal(4, secondWeek.GetProperty("instrument").GetProperty("options").GetArrayLength());
    }

    [Fact]
    public async Task An_answer_just_after_local_midnight_answers_the_new_week_not_the_old_one()
    {
        var world = await MeasureWorld.CreateAsync(api, "America/New_York");
        await At("2026-03-02T17:00:00Z", () => ScheduleAsync(world, new { measureKey = "gad-7", kind = "every_n_weeks", everyWeeks = 1, startDate = "2026-03-02" }));

        await At("2026-03-09T04:40:00Z", () => world.AnsweredAsync("gad-7", [1, 1, 1, 1, 1, 1, 1], "2026-03-09T04:30:00Z"));

        Assert.Empty(await At("2026-03-09T12:00:00Z", () => DueAsync(world)));
        Assert.Single(await At("2026-03-09T03:59:00Z", () => DueAsync(world)));
    }

    [Fact]
    public async Task A_measure_every_two_weeks_is_due_once_per_period()
    {
        var world = await MeasureWorld.CreateAsync(api, "Europe/London");
        await At("2026-03-02T09:00:00Z", () => ScheduleAsync(world, new { measureKey = "scs-sf", kind = "every_n_weeks", everyWeeks = 2, startDate = "2026-03-02" }));
        await At("2026-03-04T09:00:00Z", () => world.AnsweredAsync("scs-sf", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], "2026-03-04T08:00:00Z"));

        Assert.Empty(await At("2026-03-15T20:00:00Z", () => DueAsync(world)));
        var next = Assert.Single(await At("2026-03-16T00:30:00Z", () => DueAsync(world)));

        // The period ends at midnight on 2026-03-30, after the clocks went forward to BST: 23:00Z the day before.
        Assert.Equal("2026-03-16T00:00:00Z", next.GetProperty("dueSince").GetString());
        Assert.Equal("2026-03-29T23:00:00Z", next.GetProperty("dueBy").GetString());
    }

    [Fact]
    public async Task Before_each_session_opens_at_the_same_local_time_two_days_before_across_spring_forward()
    {
        var world = await MeasureWorld.CreateAsync(api, "America/New_York");
        await PlanWithSessionAsync(world, "2026-03-02", "2026-03-15", "2026-03-09T19:00:00Z");
        await At("2026-03-06T12:00:00Z", () => ScheduleAsync(world, new { measureKey = "phq-9", kind = "before_each_session" }));

        // The session is Monday 15:00 EDT. Saturday 14:30 EST is 48.5 real hours before it, yet not two local days.
        Assert.Empty(await At("2026-03-07T19:30:00Z", () => DueAsync(world)));
        var due = Assert.Single(await At("2026-03-07T20:00:00Z", () => DueAsync(world)));

        Assert.Equal("2026-03-07T20:00:00Z", due.GetProperty("dueSince").GetString());
        Assert.Equal("2026-03-09T19:00:00Z", due.GetProperty("dueBy").GetString());
        await At("2026-03-08T15:05:00Z", () => world.AnsweredAsync("phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-03-08T15:00:00Z"));
        Assert.Empty(await At("2026-03-09T12:00:00Z", () => DueAsync(world)));
        Assert.Empty(await At("2026-03-09T19:30:00Z", () => DueAsync(world)));
    }

    [Fact]
    public async Task Before_each_session_opens_49_hours_before_when_the_clocks_fall_back()
    {
        var world = await MeasureWorld.CreateAsync(api, "America/New_York");
        await PlanWithSessionAsync(world, "2026-10-26", "2026-11-08", "2026-11-02T20:00:00Z");
        await At("2026-10-29T12:00:00Z", () => ScheduleAsync(world, new { measureKey = "gad-7", kind = "before_each_session" }));

        // The session is Monday 15:00 EST; Saturday 15:00 EDT is 19:00Z, 49 hours before.
        Assert.Empty(await At("2026-10-31T18:59:00Z", () => DueAsync(world)));
        var due = Assert.Single(await At("2026-10-31T19:00:00Z", () => DueAsync(world)));

        Assert.Equal("2026-10-31T19:00:00Z", due.GetProperty("dueSince").GetString());
        Assert.Equal("2026-11-02T20:00:00Z", due.GetProperty("dueBy").GetString());
    }

    [Fact]
    public async Task A_once_measure_is_due_from_its_start_date_until_answered_then_completed()
    {
        var world = await MeasureWorld.CreateAsync(api, "Asia/Kolkata");
        var schedule = await ScheduleAsync(world, new { measureKey = "scs-sf", kind = "once", startDate = "2026-03-11" });

        Assert.Equal("active", schedule.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("dueSince").ValueKind);
        Assert.Empty(await DueAsync(world));
        var due = Assert.Single(await At("2026-03-10T18:30:00Z", () => DueAsync(world)));
        Assert.Equal("2026-03-10T18:30:00Z", due.GetProperty("dueSince").GetString());
        Assert.Equal(JsonValueKind.Null, due.GetProperty("dueBy").ValueKind);

        await At("2026-03-12T10:00:00Z", () => world.AnsweredAsync("scs-sf", [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], "2026-03-12T09:00:00Z"));

        Assert.Empty(await At("2026-03-20T10:00:00Z", () => DueAsync(world)));
        var listed = Assert.Single(await At("2026-03-20T10:00:00Z", () => SchedulesAsync(world)));
        Assert.Equal("completed", listed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_schedules_of_one_measure_make_one_due_entry()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var once = await ScheduleAsync(world, new { measureKey = "phq-9", kind = "once" });
        var weekly = await ScheduleAsync(world, new { measureKey = "phq-9", kind = "every_n_weeks", everyWeeks = 4, startDate = "2026-03-02" });

        var due = Assert.Single(await DueAsync(world));

        Assert.Equal(
            new[] { once.GetProperty("id").GetGuid(), weekly.GetProperty("id").GetGuid() }.Order(),
            due.GetProperty("scheduleIds").EnumerateArray().Select(s => s.GetGuid()).Order());
        Assert.Equal("2026-03-02T05:00:00Z", due.GetProperty("dueSince").GetString());
        Assert.Equal("2026-03-30T04:00:00Z", due.GetProperty("dueBy").GetString());
    }

    [Fact]
    public async Task A_stopped_schedule_asks_for_nothing()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var schedule = await ScheduleAsync(world, new { measureKey = "gad-7", kind = "once" });
        Assert.Single(await DueAsync(world));

        var stopped = await (await world.Therapist.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules/{schedule.GetProperty("id")}/stop", new { })).ReadAsync<JsonElement>();

        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", stopped.GetProperty("stoppedAt").GetString());
        Assert.Empty(await DueAsync(world));
        Assert.Equal("stopped", Assert.Single(await SchedulesAsync(world)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"measureKey\":\"phq-9\",\"kind\":\"every_n_weeks\"}", "everyWeeks")]
    [InlineData("{\"measureKey\":\"phq-9\",\"kind\":\"once\",\"everyWeeks\":2}", "everyWeeks")]
    [InlineData("{\"measureKey\":\"phq-9\",\"kind\":\"every_n_weeks\",\"everyWeeks\":53}", "everyWeeks")]
    [InlineData("{\"measureKey\":\"bdi-ii\",\"kind\":\"once\"}", "measureKey")]
    [InlineData("{\"measureKey\":\"phq-9\",\"kind\":\"monthly\"}", "kind")]
    [InlineData("{\"measureKey\":\"phq-9\",\"kind\":\"once\",\"startDate\":\"2026-02-30\"}", "startDate")]
    public async Task A_malformed_schedule_is_a_400_naming_the_field(string body, string field)
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.Therapist.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_start_date_more_than_a_year_away_is_a_422_naming_it()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.Therapist.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", new { measureKey = "phq-9", kind = "once", startDate = "2027-03-12" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "startDate");
    }

    [Fact]
    public async Task A_discharged_client_cannot_be_asked_for_measures()
    {
        var world = await MeasureWorld.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await world.Practice.Admin.PatchJsonAsync($"/api/v1/clients/{world.ClientId}", new { discharge = true })).StatusCode);

        var response = await world.Therapist.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", new { measureKey = "phq-9", kind = "once" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "clientId");
    }

    [Fact]
    public async Task Another_therapists_client_is_not_found_and_the_client_app_may_not_schedule()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (_, colleague) = await world.Practice.AddTherapistAsync();

        var byColleague = await colleague.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", new { measureKey = "phq-9", kind = "once" });
        var byClient = await world.App.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", new { measureKey = "phq-9", kind = "once" });
        var listedByColleague = await colleague.GetAsync($"/api/v1/clients/{world.ClientId}/measure-schedules");

        await byColleague.AssertProblemAsync(HttpStatusCode.NotFound);
        await byClient.AssertProblemAsync(HttpStatusCode.Forbidden);
        await listedByColleague.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> ScheduleAsync(MeasureWorld world, object body)
    {
        var response = await world.Therapist.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement[]> DueAsync(MeasureWorld world) =>
        (await (await world.App.GetAsync("/api/v1/me/measures/due")).ReadAsync<JsonElement>()).GetProperty("due").EnumerateArray().ToArray();

    private static async Task<JsonElement[]> SchedulesAsync(MeasureWorld world) =>
        await (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/measure-schedules")).ReadAsync<JsonElement[]>();

    private static async Task PlanWithSessionAsync(MeasureWorld world, string startDate, string endDate, string nextSessionAt)
    {
        var response = await world.Practice.Admin.PostJsonAsync($"/api/v1/clients/{world.ClientId}/plans", new
        {
            title = "Kindness towards the inner critic",
            startDate,
            endDate,
            nextSessionAt,
            assignments = new[] { TestPractice.Daily(1) },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a call with the clock at the given instant, then puts it back.</summary>
    private async Task<T> At<T>(string instant, Func<Task<T>> action)
    {
        var before = api.Clock.GetCurrentInstant();
        api.Clock.Reset(Practise.Instant(instant));
        try
        {
            return await action();
        }
        finally
        {
            api.Clock.Reset(before);
        }
    }
}
