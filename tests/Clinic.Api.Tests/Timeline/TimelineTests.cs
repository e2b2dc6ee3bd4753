using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Timeline;

/// <summary>
/// The timeline over HTTP: one entry per local day in the client's zone, what was due and done by the summaries'
/// rules, each completion and skip, and the client's own text only for those who may read it. The clock stands at
/// Tuesday 2026-03-10T12:00Z (08:00 in New York).
/// </summary>
public sealed class TimelineTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task The_client_reads_each_day_with_what_was_due_done_and_skipped()
    {
        var world = await WorldAsync();

        var timeline = await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-02&to=2026-03-12");

        Assert.Equal(world.ClientId, timeline.GetProperty("clientId").GetGuid());
        Assert.Equal("America/New_York", timeline.GetProperty("timeZone").GetString());
        Assert.Equal(("2026-03-02", "2026-03-12"), (timeline.GetProperty("from").GetString(), timeline.GetProperty("to").GetString()));
        var days = Days(timeline);
        Assert.Equal(11, days.Count);
        Assert.Equal("2026-03-02", days.Keys.First());
        Assert.Equal("2026-03-12", days.Keys.Last());

        // 03-03: the daily practice twice of twice, with its ratings and local times.
        var march3 = days["2026-03-03"];
        var due = Assert.Single(march3.GetProperty("due").EnumerateArray());
        Assert.Equal((world.Daily, 2, 2), (due.GetProperty("assignmentId").GetGuid(), due.GetProperty("expected").GetInt32(), due.GetProperty("done").GetInt32()));
        Assert.Equal((2, 2), (march3.GetProperty("expected").GetInt32(), march3.GetProperty("credited").GetInt32()));
        var completions = march3.GetProperty("completions").EnumerateArray().ToList();
        Assert.Equal(["08:30", "21:15"], completions.Select(c => c.GetProperty("localTime").GetString()));
        Assert.Equal("2026-03-03T13:30:00Z", completions[0].GetProperty("completedAt").GetString());
        Assert.Equal((7, 3, 8, 10), (completions[0].GetProperty("distressBefore").GetInt32(), completions[0].GetProperty("distressAfter").GetInt32(),
            completions[0].GetProperty("helpfulness").GetInt32(), completions[0].GetProperty("durationMinutes").GetInt32()));
        Assert.Equal("self-compassion-break", completions[0].GetProperty("exerciseKey").GetString());
        Assert.Equal(world.PlanId, completions[0].GetProperty("planId").GetGuid());

        // 03-04: nothing done, a skip with its reason and the client's own note; the weekly practice is not due per day.
        var march4 = days["2026-03-04"];
        Assert.Equal((2, 0), (march4.GetProperty("expected").GetInt32(), march4.GetProperty("credited").GetInt32()));
        var skip = Assert.Single(march4.GetProperty("skips").EnumerateArray());
        Assert.Equal(("forgot", "Busy at work"), (skip.GetProperty("reason").GetString(), skip.GetProperty("note").GetString()));
        Assert.Equal(world.Daily, skip.GetProperty("assignmentId").GetGuid());

        // 03-12: the letter due, done early on 03-06, beside the daily practice.
        var march12 = days["2026-03-12"].GetProperty("due").EnumerateArray().ToDictionary(d => d.GetProperty("assignmentId").GetGuid());
        Assert.Equal((1, 1), (march12[world.Once].GetProperty("expected").GetInt32(), march12[world.Once].GetProperty("done").GetInt32()));
        Assert.Equal(2, march12[world.Daily].GetProperty("expected").GetInt32());

        // Weekly practice per 7-day period anchored on 03-02.
        var periods = timeline.GetProperty("weeklyPeriods").EnumerateArray().ToList();
        Assert.Equal(["2026-03-02..2026-03-08:1/2", "2026-03-09..2026-03-15:0/2"],
            periods.Select(p => $"{p.GetProperty("from").GetString()}..{p.GetProperty("to").GetString()}:{p.GetProperty("done").GetInt32()}/{p.GetProperty("expected").GetInt32()}"));

        // A legend of the assignments shown.
        Assert.Equal(3, timeline.GetProperty("assignments").GetArrayLength());
    }

    [Fact]
    public async Task A_voided_completion_is_not_shown_and_counts_for_nothing()
    {
        var world = await WorldAsync();

        var days = Days(await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-07&to=2026-03-07"));

        var march7 = days["2026-03-07"];
        Assert.Empty(march7.GetProperty("completions").EnumerateArray());
        Assert.Equal(0, march7.GetProperty("credited").GetInt32());
        Assert.Equal(0, Assert.Single(march7.GetProperty("due").EnumerateArray()).GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task Days_are_local_days_in_the_clients_zone()
    {
        var world = await WorldAsync();

        // 2026-03-10T02:30Z is 22:30 on 03-09 in New York.
        var days = Days(await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-09&to=2026-03-10"));

        var late = Assert.Single(days["2026-03-09"].GetProperty("completions").EnumerateArray());
        Assert.Equal("22:30", late.GetProperty("localTime").GetString());
        Assert.Empty(days["2026-03-10"].GetProperty("completions").EnumerateArray());
    }

    [Fact]
    public async Task Staff_read_a_reflection_or_note_only_while_the_client_shares_it()
    {
        var world = await WorldAsync();

        foreach (var staff in new[] { world.Therapist, world.Practice.Admin, world.Practice.Integration })
        {
            var days = Days(await ReadAsync(staff, $"/api/v1/clients/{world.ClientId}/timeline?from=2026-03-02&to=2026-03-12"));
            var reflections = days["2026-03-03"].GetProperty("completions").EnumerateArray().Select(c => c.GetProperty("reflection").GetString()).ToList();
            Assert.Equal([null, "Shared: it helped"], reflections);
            Assert.Equal(JsonValueKind.Null, Assert.Single(days["2026-03-04"].GetProperty("skips").EnumerateArray()).GetProperty("note").ValueKind);
        }

        var own = Days(await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-03&to=2026-03-03"));
        Assert.Equal(["Private: too raw", "Shared: it helped"], own["2026-03-03"].GetProperty("completions").EnumerateArray().Select(c => c.GetProperty("reflection").GetString()));
    }

    [Fact]
    public async Task Days_on_which_the_plan_was_paused_have_nothing_due()
    {
        var world = await WorldAsync();
        await Practise.TransitionAsync(api, world.Practice, world.PlanId, "pause", "2026-03-05T15:00:00Z");
        await Practise.TransitionAsync(api, world.Practice, world.PlanId, "resume", "2026-03-08T15:00:00Z");

        var days = Days(await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-04&to=2026-03-08"));

        Assert.Equal([2, 0, 0, 0, 2], days.Values.Select(d => d.GetProperty("expected").GetInt32()));
        Assert.Single(days["2026-03-06"].GetProperty("completions").EnumerateArray());
    }

    [Fact]
    public async Task A_cancelled_plan_keeps_its_entries_in_the_timeline_but_nothing_of_it_is_due()
    {
        var world = await WorldAsync();
        await Practise.TransitionAsync(api, world.Practice, world.PlanId, "cancel", "2026-03-10T11:00:00Z");

        var timeline = await ReadAsync(world.Therapist, $"/api/v1/clients/{world.ClientId}/timeline?from=2026-03-02&to=2026-03-12");
        var days = Days(timeline);

        Assert.Equal(2, days["2026-03-03"].GetProperty("completions").GetArrayLength());
        Assert.All(days.Values, d => Assert.Empty(d.GetProperty("due").EnumerateArray()));
        Assert.Empty(timeline.GetProperty("weeklyPeriods").EnumerateArray());
        Assert.All(timeline.GetProperty("assignments").EnumerateArray(), a => Assert.Equal("cancelled", a.GetProperty("planStatus").GetString()));
    }

    [Fact]
    public async Task Without_from_and_to_the_timeline_is_the_last_four_weeks_up_to_today()
    {
        var world = await WorldAsync();

        var timeline = await ReadAsync(world.App, "/api/v1/me/timeline");
        var onlyFrom = await ReadAsync(world.App, "/api/v1/me/timeline?from=2026-03-08");

        Assert.Equal(("2026-02-11", "2026-03-10"), (timeline.GetProperty("from").GetString(), timeline.GetProperty("to").GetString()));
        Assert.Equal(28, timeline.GetProperty("days").GetArrayLength());
        Assert.Equal(0, Days(timeline)["2026-02-11"].GetProperty("expected").GetInt32());
        Assert.Equal(("2026-03-08", "2026-03-10"), (onlyFrom.GetProperty("from").GetString(), onlyFrom.GetProperty("to").GetString()));
    }

    [Theory]
    [InlineData("?from=2026-03-12&to=2026-03-02", "from")]
    [InlineData("?from=2025-03-01&to=2026-03-02", "to")]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?to=03/12/2026", "to")]
    [InlineData("?from=2026-03-11", "from")]
    [InlineData("?from=2024-01-01", "from")]
    [InlineData("?from=9999-12-20&to=9999-12-31", "from")]
    [InlineData("?from=0001-01-01&to=0001-01-05", "to")]
    public async Task A_bad_range_is_a_400_naming_the_field(string query, string field)
    {
        var world = await WorldAsync();

        await (await world.App.GetAsync($"/api/v1/me/timeline{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        await (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/timeline{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_year_and_a_day_is_the_longest_timeline()
    {
        var world = await WorldAsync();

        var year = await ReadAsync(world.App, "/api/v1/me/timeline?from=2025-03-10&to=2026-03-10");

        Assert.Equal(366, year.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Only_staff_who_see_the_client_read_their_timeline_and_only_the_client_reads_me()
    {
        var world = await WorldAsync();
        var (_, colleague) = await world.Practice.AddTherapistAsync();
        var other = await TestPractice.CreateAsync(api);

        await (await colleague.GetAsync($"/api/v1/clients/{world.ClientId}/timeline")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Admin.GetAsync($"/api/v1/clients/{world.ClientId}/timeline")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.App.GetAsync($"/api/v1/clients/{world.ClientId}/timeline")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await world.Therapist.GetAsync("/api/v1/me/timeline")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_read_is_audited_with_the_client()
    {
        var world = await WorldAsync();

        await ReadAsync(world.Therapist, $"/api/v1/clients/{world.ClientId}/timeline");
        await ReadAsync(world.App, "/api/v1/me/timeline");

        var entries = await Database.CountAsync(api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'timeline.read' AND client_id = @client AND resource_id = @client AND outcome = 'success'",
            ("client", world.ClientId));
        Assert.Equal(2, entries);
    }

    [Fact]
    public async Task A_timeline_costs_the_same_round_trips_for_a_week_or_a_year_and_for_few_or_many_completions()
    {
        var quiet = await WorldAsync(practise: false);
        var busy = await WorldAsync();

        var week = await CountRoundTripsAsync(quiet.App, "/api/v1/me/timeline?from=2026-03-04&to=2026-03-10");
        var year = await CountRoundTripsAsync(busy.App, "/api/v1/me/timeline?from=2025-03-10&to=2026-03-10");
        var staff = await CountRoundTripsAsync(busy.Therapist, $"/api/v1/clients/{busy.ClientId}/timeline?from=2025-03-10&to=2026-03-10");

        Assert.Equal(week, year);
        Assert.Equal(week, staff);
        Assert.True(week <= 5, $"{week} round trips");
    }

    private async Task<int> CountRoundTripsAsync(HttpClient caller, string url)
    {
        api.Commands.Reset();
        var response = await caller.GetAsync(url);
        var count = api.Commands.Count;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(count > 0, "No command was counted.");
        return count;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient caller, string url) => await (await caller.GetAsync(url)).ReadAsync<JsonElement>();

    private static Dictionary<string, JsonElement> Days(JsonElement timeline) =>
        timeline.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);

    /// <summary>
    /// A New York client with a plan 2026-03-02..2026-03-15: daily twice, weekly twice, a letter due 03-12. Two
    /// practices on 03-03 (one reflection private, one shared), a skip with a private note on 03-04, the letter on
    /// 03-06, the weekly practice on 03-05, a voided practice on 03-07, and one late on 03-09 (02:30Z on 03-10).
    /// </summary>
    private async Task<World> WorldAsync(bool practise = true)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(2), TestPractice.Weekly(2), TestPractice.Once("2026-03-12"));
        var world = new World(practice, therapistApi, app, client.Id, plan.Id,
            Practise.Assignment(plan, "self-compassion-break"), Practise.Assignment(plan, "self-compassion-journal"), Practise.Assignment(plan, "compassionate-letter"));
        if (!practise)
        {
            return world;
        }

        var first = await app.PostJsonAsync(
            $"/api/v1/assignments/{world.Daily}/completions",
            new { completedAt = "2026-03-03T08:30:00-05:00", durationMinutes = 10, distressBefore = 7, distressAfter = 3, helpfulness = 8, reflection = "Private: too raw" },
            idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Practise.CompleteAsync(api, app, world.Daily, "2026-03-04T02:15:00Z", distressBefore: 5, distressAfter: 4, reflection: "Shared: it helped", shareWithTherapist: true);
        var skip = await app.PostJsonAsync($"/api/v1/assignments/{world.Daily}/skips", new { date = "2026-03-04", reason = "forgot", note = "Busy at work" }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, skip.StatusCode);
        await Practise.CompleteAsync(api, app, world.Weekly, "2026-03-05T15:00:00Z");
        await Practise.CompleteAsync(api, app, world.Once, "2026-03-06T15:00:00Z");
        var voided = (await Practise.CompleteAsync(api, app, world.Daily, "2026-03-07T15:00:00Z")).GetProperty("id").GetGuid();
        Assert.True((await app.PostJsonAsync($"/api/v1/me/completions/{voided}/void", new { }, idempotencyKey: Guid.NewGuid().ToString())).IsSuccessStatusCode);
        await Practise.CompleteAsync(api, app, world.Daily, "2026-03-10T02:30:00Z");
        return world;
    }

    private sealed record World(TestPractice Practice, HttpClient Therapist, HttpClient App, Guid ClientId, Guid PlanId, Guid Daily, Guid Weekly, Guid Once);
}
