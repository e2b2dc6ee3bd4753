using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

public sealed class AgendaTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Agenda_lists_todays_practices_with_what_is_done_and_what_remains()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(2), TestPractice.Weekly(3), TestPractice.Once("2026-03-14"));
        var daily = Practise.Assignment(plan, "self-compassion-break");
        var weekly = Practise.Assignment(plan, "self-compassion-journal");
        await Practise.CompleteAsync(api, app, daily, "2026-03-10T11:00:00Z");
        await Practise.CompleteAsync(api, app, weekly, "2026-03-09T15:00:00Z");

        var agenda = await (await app.GetAsync("/api/v1/me/agenda")).ReadAsync<JsonElement>();

        Assert.Equal("2026-03-10", agenda.GetProperty("date").GetString());
        Assert.Equal("America/New_York", agenda.GetProperty("timeZone").GetString());
        var items = agenda.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("assignmentId").GetGuid());
        Assert.Equal(2, items.Count);
        var dailyItem = items[daily];
        Assert.Equal(plan.Id, dailyItem.GetProperty("planId").GetGuid());
        Assert.Equal(plan.Title, dailyItem.GetProperty("planTitle").GetString());
        Assert.Equal("self-compassion-break", dailyItem.GetProperty("exerciseKey").GetString());
        Assert.False(string.IsNullOrEmpty(dailyItem.GetProperty("title").GetString()));
        Assert.Equal("daily", dailyItem.GetProperty("schedule").GetProperty("kind").GetString());
        Assert.Equal(2, dailyItem.GetProperty("expected").GetInt32());
        Assert.Equal(1, dailyItem.GetProperty("done").GetInt32());
        Assert.Equal(1, dailyItem.GetProperty("remaining").GetInt32());

        // The weekly period anchored on 03-02 runs 03-09..03-15: yesterday's entry counts towards it.
        var weeklyItem = items[weekly];
        Assert.Equal(3, weeklyItem.GetProperty("expected").GetInt32());
        Assert.Equal(1, weeklyItem.GetProperty("done").GetInt32());
        Assert.Equal(2, weeklyItem.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Agenda_for_another_date_counts_that_whole_local_day()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "Pacific/Auckland");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var daily = plan.Assignments.Single().Id;

        // 2026-03-04T11:30Z is 03-05 00:30 in Auckland.
        await Practise.CompleteAsync(api, app, daily, "2026-03-04T11:30:00Z");

        var today = await (await app.GetAsync("/api/v1/me/agenda")).ReadAsync<JsonElement>();
        var earlier = await (await app.GetAsync("/api/v1/me/agenda?date=2026-03-05")).ReadAsync<JsonElement>();

        Assert.Equal("2026-03-11", today.GetProperty("date").GetString());
        Assert.Equal(0, Assert.Single(today.GetProperty("items").EnumerateArray()).GetProperty("done").GetInt32());
        var item = Assert.Single(earlier.GetProperty("items").EnumerateArray());
        Assert.Equal(1, item.GetProperty("done").GetInt32());
        Assert.Equal(0, item.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Agenda_shows_nothing_for_a_paused_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await Practise.TransitionAsync(api, practice, plan.Id, "pause", "2026-03-09T15:00:00Z");

        var agenda = await (await app.GetAsync("/api/v1/me/agenda")).ReadAsync<JsonElement>();
        var beforePause = await (await app.GetAsync("/api/v1/me/agenda?date=2026-03-08")).ReadAsync<JsonElement>();

        Assert.Empty(agenda.GetProperty("items").EnumerateArray());
        Assert.Single(beforePause.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Agenda_date_that_does_not_exist_is_a_400_naming_date()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.GetAsync("/api/v1/me/agenda?date=2026-02-30");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public async Task Agenda_is_for_clients_only()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync("/api/v1/me/agenda");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
