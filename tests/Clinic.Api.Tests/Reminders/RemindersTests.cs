using System.Net;
using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Reminders;

/// <summary>
/// The reminders a client app schedules as local notifications, over HTTP: on the DST days of a northern and a
/// southern zone, outside quiet hours, never for a practice already done or a paused plan. The clock stands at
/// Tuesday 2026-03-10T12:00Z (08:00 in New York) unless a test moves it.
/// </summary>
public sealed class RemindersTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task New_York_spring_forward_moves_a_missing_time_forward_by_the_gap()
    {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that day and fires at 03:30 EDT.
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "02:30", "20:00"));

        var reminders = await RemindersAsync(app, "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z");

        Assert.Equal(["2026-03-08T01:00:00Z", "2026-03-08T07:30:00Z", "2026-03-09T00:00:00Z", "2026-03-09T06:30:00Z"], At(reminders));
        Assert.Equal(["20:00", "03:30", "20:00", "02:30"], reminders.Select(r => r.GetProperty("localTime").GetString()));
        Assert.Equal(["2026-03-07", "2026-03-08", "2026-03-08", "2026-03-09"], reminders.Select(r => r.GetProperty("date").GetString()));
        var first = reminders[0];
        Assert.Equal(plan.Assignments[0].Id, first.GetProperty("assignmentId").GetGuid());
        Assert.Equal(plan.Id, first.GetProperty("planId").GetGuid());
        Assert.Equal("self-compassion-break", first.GetProperty("exerciseKey").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task New_York_fall_back_fires_a_repeated_time_once()
    {
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 happens at 05:30Z and again at 06:30Z.
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-10-26", "2026-11-06", Daily(1, "01:30"));

        var reminders = await RemindersAsync(app, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z");

        Assert.Equal(["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"], At(reminders));
    }

    [Fact]
    public async Task Sydney_autumn_fires_a_repeated_time_once()
    {
        // 2026-04-05: 03:00 AEDT falls back to 02:00 AEST; 02:30 happens at 15:30Z and 16:30Z on 04-04.
        var (_, app, _) = await ClientWithPlanAsync("Australia/Sydney", "2026-04-01", "2026-04-10", Daily(1, "02:30"));

        var reminders = await RemindersAsync(app, "2026-04-03T14:00:00Z", "2026-04-05T14:00:00Z");

        Assert.Equal(["2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z"], At(reminders));
        Assert.Equal(["02:30", "02:30"], reminders.Select(r => r.GetProperty("localTime").GetString()));
    }

    [Fact]
    public async Task Sydney_spring_moves_a_missing_time_forward_by_the_gap()
    {
        // 2026-10-04: 02:00 AEST jumps to 03:00 AEDT; 02:30 fires at 03:30 AEDT (16:30Z on 10-03).
        var (_, app, _) = await ClientWithPlanAsync("Australia/Sydney", "2026-10-01", "2026-10-10", Daily(1, "02:30"));

        var reminders = await RemindersAsync(app, "2026-10-02T14:00:00Z", "2026-10-04T14:00:00Z");

        Assert.Equal(["2026-10-02T16:30:00Z", "2026-10-03T16:30:00Z"], At(reminders));
        Assert.Equal(["02:30", "03:30"], reminders.Select(r => r.GetProperty("localTime").GetString()));
    }

    [Fact]
    public async Task Quiet_hours_across_midnight_keep_the_night_free()
    {
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "06:30", "07:00", "21:30", "22:00", "23:30"));
        await SetPreferencesAsync(app, new { enabled = true, quietHours = new { start = "22:00", end = "07:00" } });

        var reminders = await RemindersAsync(app, "2026-03-11T00:00:00-04:00", "2026-03-13T00:00:00-04:00");

        Assert.Equal(["07:00", "21:30", "07:00", "21:30"], reminders.Select(r => r.GetProperty("localTime").GetString()));
    }

    [Fact]
    public async Task A_paused_plan_reminds_of_nothing_until_it_is_resumed()
    {
        var (practice, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "09:00", "20:00"));
        await Practise.TransitionAsync(api, practice, plan.Id, "pause", "2026-03-10T11:00:00Z");

        var paused = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-13T12:00:00Z");
        await Practise.TransitionAsync(api, practice, plan.Id, "resume", "2026-03-10T11:30:00Z");
        var resumed = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-12T04:00:00Z");

        Assert.Empty(paused);

        // Resumed on 03-10 (local), so that day is due again: 09:00 and 20:00 on 03-10 and 03-11.
        Assert.Equal(["2026-03-10T13:00:00Z", "2026-03-11T00:00:00Z", "2026-03-11T13:00:00Z", "2026-03-12T00:00:00Z"], At(resumed));
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("cancel")]
    public async Task A_plan_that_has_ended_reminds_of_nothing(string transition)
    {
        var (practice, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));
        await Practise.TransitionAsync(api, practice, plan.Id, transition, "2026-03-10T11:00:00Z");

        Assert.Empty(await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-13T12:00:00Z"));
    }

    [Fact]
    public async Task Reminders_cost_the_same_round_trips_for_a_day_or_a_month()
    {
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(2, "09:00", "20:00"), TestPractice.Weekly(2));
        await Practise.CompleteAsync(api, app, plan.Assignments[0].Id, "2026-03-09T14:00:00Z");

        var day = await CountRoundTripsAsync(app, "/api/v1/me/reminders?from=2026-03-10T12:00:00Z&to=2026-03-11T12:00:00Z");
        var month = await CountRoundTripsAsync(app, "/api/v1/me/reminders?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z");

        Assert.Equal(day, month);
        Assert.True(day <= 6, $"{day} round trips");
    }

    [Fact]
    public async Task A_practice_already_done_today_is_not_reminded_again_until_it_is_voided()
    {
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "09:00", "20:00"));
        var done = (await Practise.CompleteAsync(api, app, plan.Assignments[0].Id, "2026-03-10T11:30:00Z", reflection: "Felt warmer")).GetProperty("id").GetGuid();

        var body = await (await app.GetAsync("/api/v1/me/reminders?from=2026-03-10T12:00:00Z&to=2026-03-12T04:00:00Z")).Content.ReadAsStringAsync();
        var afterDone = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-12T04:00:00Z");
        Assert.True((await app.PostJsonAsync($"/api/v1/me/completions/{done}/void", new { }, idempotencyKey: Guid.NewGuid().ToString())).IsSuccessStatusCode);
        var afterVoid = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-12T04:00:00Z");

        // Done at 07:30 local on 03-10: nothing more that day; 03-11 as usual. No client text in the answer.
        Assert.Equal(["2026-03-11T13:00:00Z", "2026-03-12T00:00:00Z"], At(afterDone));
        Assert.DoesNotContain("Felt warmer", body, StringComparison.Ordinal);
        Assert.Equal(["2026-03-10T13:00:00Z", "2026-03-11T00:00:00Z", "2026-03-11T13:00:00Z", "2026-03-12T00:00:00Z"], At(afterVoid));
    }

    [Fact]
    public async Task A_daily_practice_due_twice_is_reminded_until_both_are_done()
    {
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(2, "09:00", "13:00", "20:00"));
        await Practise.CompleteAsync(api, app, plan.Assignments[0].Id, "2026-03-10T11:30:00Z");

        var oneDone = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-11T04:00:00Z");
        await Practise.CompleteAsync(api, app, plan.Assignments[0].Id, "2026-03-10T11:50:00Z");
        var bothDone = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-11T04:00:00Z");

        Assert.Equal(["09:00", "13:00", "20:00"], oneDone.Select(r => r.GetProperty("localTime").GetString()));
        Assert.Empty(bothDone);
    }

    [Fact]
    public async Task Weekly_and_once_practices_remind_until_their_period_or_their_due_date_is_done()
    {
        var weekly = new { exerciseKey = "self-compassion-journal", schedule = new { kind = "weekly", timesPerWeek = 1, timesOfDay = new[] { "19:00" } } };
        var once = new { exerciseKey = "compassionate-letter", schedule = new { kind = "once", dueDate = "2026-03-12", timesOfDay = new[] { "10:00" } } };
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", weekly, once);

        var before = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-13T12:00:00Z");
        await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-journal"), "2026-03-10T11:00:00Z");
        await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "compassionate-letter"), "2026-03-10T11:10:00Z");
        var after = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-13T12:00:00Z");

        Assert.Equal(
            ["2026-03-10 self-compassion-journal", "2026-03-11 self-compassion-journal", "2026-03-12 compassionate-letter", "2026-03-12 self-compassion-journal"],
            before.Select(r => $"{r.GetProperty("date").GetString()} {r.GetProperty("exerciseKey").GetString()}"));
        Assert.Empty(after);
    }

    [Fact]
    public async Task A_skip_reported_for_today_closes_today()
    {
        var (_, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));
        await Practise.SkipAsync(app, plan.Assignments[0].Id, "2026-03-10", "no_time");

        var reminders = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-12T04:00:00Z");

        Assert.Equal(["2026-03-11"], reminders.Select(r => r.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task Turned_off_there_are_no_reminders_and_without_times_of_day_neither()
    {
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"), TestPractice.Daily(2, "soothing-touch"));

        var on = await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-11T12:00:00Z");
        await SetPreferencesAsync(app, new { enabled = false });
        var response = await (await app.GetAsync("/api/v1/me/reminders?from=2026-03-10T12:00:00Z&to=2026-03-11T12:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal(["self-compassion-break"], on.Select(r => r.GetProperty("exerciseKey").GetString()));
        Assert.False(response.GetProperty("enabled").GetBoolean());
        Assert.Empty(response.GetProperty("reminders").EnumerateArray());
    }

    [Fact]
    public async Task Without_a_range_the_next_seven_days_are_planned_in_the_clients_zone()
    {
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));

        var response = await (await app.GetAsync("/api/v1/me/reminders")).ReadAsync<JsonElement>();

        Assert.Equal("America/New_York", response.GetProperty("timeZone").GetString());
        Assert.Equal(("2026-03-10T12:00:00Z", "2026-03-17T12:00:00Z"), (response.GetProperty("from").GetString(), response.GetProperty("to").GetString()));
        Assert.True(response.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("quietHours").ValueKind);

        // 20:00 on 03-10 .. 03-15 (the plan ends on 03-15).
        Assert.Equal(6, response.GetProperty("reminders").GetArrayLength());
    }

    [Theory]
    [InlineData("?from=2026-03-11T00:00:00Z&to=2026-03-11T00:00:00Z", "to")]
    [InlineData("?from=2026-03-11T00:00:00Z&to=2026-03-10T00:00:00Z", "to")]
    [InlineData("?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:01Z", "to")]
    [InlineData("?to=2026-03-10T11:00:00Z", "to")]
    [InlineData("?to=2026-05-01T00:00:00Z", "to")]
    [InlineData("?from=2026-03-10", "from")]
    [InlineData("?from=2026-03-10T12:00:00", "from")]
    [InlineData("?to=tomorrow", "to")]
    [InlineData("?from=9999-12-30T00:00:00Z&to=9999-12-31T23:59:59Z", "to")]
    [InlineData("?from=9999-12-31T00:00:00Z", "from")]
    [InlineData("?from=-9998-01-01T00:00:00Z&to=-9998-01-02T00:00:00Z", "from")]
    [InlineData("?from=9999-12-31T23:00:00-14:00&to=9999-12-31T23:30:00-14:00", "from")]
    public async Task A_bad_range_is_a_400_naming_the_field(string query, string field)
    {
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));

        await (await app.GetAsync($"/api/v1/me/reminders{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Thirty_one_days_is_the_longest_range()
    {
        var (_, app, _) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));

        var reminders = await RemindersAsync(app, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

        Assert.Equal(14, reminders.Count);
    }

    [Fact]
    public async Task Only_the_client_reads_their_reminders_and_every_read_is_audited()
    {
        var (practice, app, plan) = await ClientWithPlanAsync("America/New_York", "2026-03-02", "2026-03-15", Daily(1, "20:00"));

        await RemindersAsync(app, "2026-03-10T12:00:00Z", "2026-03-11T12:00:00Z");

        await (await practice.Admin.GetAsync("/api/v1/me/reminders")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'reminders.read' AND client_id = @client AND outcome = 'success'", ("client", plan.ClientId)));
    }

    private async Task<int> CountRoundTripsAsync(HttpClient app, string url)
    {
        api.Commands.Reset();
        var response = await app.GetAsync(url);
        var count = api.Commands.Count;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(count > 0, "No command was counted.");
        return count;
    }

    private async Task<(TestPractice Practice, HttpClient App, PlanResponse Plan)> ClientWithPlanAsync(string timeZone, string start, string end, params object[] assignments)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, timeZone);
        var plan = await practice.AssignPlanAsync(client.Id, start, end, assignments);
        return (practice, app, plan);
    }

    private static object Daily(int timesPerDay, params string[] timesOfDay) =>
        new { exerciseKey = "self-compassion-break", schedule = new { kind = "daily", timesPerDay, timesOfDay } };

    private static async Task<List<JsonElement>> RemindersAsync(HttpClient app, string from, string to)
    {
        var response = await (await app.GetAsync($"/api/v1/me/reminders?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}")).ReadAsync<JsonElement>();
        return [.. response.GetProperty("reminders").EnumerateArray()];
    }

    private static async Task SetPreferencesAsync(HttpClient app, object body)
    {
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/v1/me/reminder-preferences", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string?> At(IEnumerable<JsonElement> reminders) => reminders.Select(r => r.GetProperty("at").GetString());
}
