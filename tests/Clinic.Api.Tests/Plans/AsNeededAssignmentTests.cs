using System.Net;
using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

/// <summary>
/// The therapist's "use this whenever it gets hard": a schedule of kind asNeeded is never expected, never in a
/// 2026-11 figure and never reminded; its uses are reported on their own (the assignment's row, the timeline).
/// </summary>
public sealed class AsNeededAssignmentTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_as_needed_assignment_is_assigned_and_read_back_with_its_kind()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.AsNeeded());

        var schedule = plan.Assignments[1].Schedule;
        Assert.Equal(Clinic.Domain.Plans.ScheduleKind.AsNeeded, schedule.Kind);
        var raw = await (await app.GetAsync($"/api/v1/plans/{plan.Id}")).ReadAsync<JsonElement>();
        Assert.Equal("""{"kind":"asNeeded"}""", raw.GetProperty("assignments")[1].GetProperty("schedule").GetRawText());
    }

    [Fact]
    public async Task Its_uses_change_no_adherence_figure_and_are_counted_on_its_row()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var twin = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.AsNeeded());
        var without = await practice.AssignPlanAsync(twin.Client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        foreach (var day in new[] { 2, 3, 4, 5 })
        {
            await Practise.CompleteAsync(api, app, plan.Assignments[0].Id, $"2026-03-0{day}T14:00:00Z", distressBefore: 5, distressAfter: 3);
            await Practise.CompleteAsync(api, twin.App, without.Assignments[0].Id, $"2026-03-0{day}T14:00:00Z", distressBefore: 5, distressAfter: 3);
        }

        var asNeededId = plan.Assignments[1].Id;
        await Practise.CompleteAsync(api, app, asNeededId, "2026-03-07T07:00:00Z", distressBefore: 9, distressAfter: 9, reflection: "Awful night", shareWithTherapist: true);
        await Practise.CompleteAsync(api, app, asNeededId, "2026-03-09T03:30:00Z", distressBefore: 8, distressAfter: 5);
        await Practise.CompleteAsync(api, app, asNeededId, "2026-03-10T04:00:00Z", distressBefore: 8, distressAfter: 4);

        var summary = await Practise.SummaryAsync(therapistApi, plan.Id, "?asOf=2026-03-10T12:00:00Z");
        var baseline = await Practise.SummaryAsync(therapistApi, without.Id, "?asOf=2026-03-10T12:00:00Z");

        foreach (var figure in new[] { "expected", "credited", "extra", "adherenceRate", "dueDays", "practicedDueDays", "pdc", "currentStreak", "longestStreak", "lastCompletedAt", "daysSinceLastCompletion", "quality", "skips", "reflectionsShared", "trend", "flags" })
        {
            Assert.Equal(baseline.GetProperty(figure).GetRawText(), summary.GetProperty(figure).GetRawText());
        }

        Assert.Equal(["inactive"], summary.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain(summary.GetProperty("today").EnumerateArray(), t => t.GetProperty("assignmentId").GetGuid() == asNeededId);
        var row = summary.GetProperty("assignments")[1];
        Assert.Equal(asNeededId, row.GetProperty("assignmentId").GetGuid());
        Assert.Equal(0, row.GetProperty("expected").GetInt32());
        Assert.Equal(0, row.GetProperty("credited").GetInt32());
        Assert.Equal(0, row.GetProperty("extra").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("adherenceRate").ValueKind);
        Assert.Equal(2, row.GetProperty("uses").GetInt32());
        Assert.Equal("2026-03-10T04:00:00Z", row.GetProperty("lastCompletedAt").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("assignments")[0].GetProperty("uses").ValueKind);
    }

    [Fact]
    public async Task It_is_never_on_the_agenda_and_never_reminded()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var daily = new { exerciseKey = "self-compassion-break", schedule = new { kind = "daily", timesPerDay = 1, timesOfDay = new[] { "20:00" } } };
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", daily, TestPractice.AsNeeded());

        var agenda = await (await app.GetAsync("/api/v1/me/agenda")).ReadAsync<JsonElement>();
        var reminders = await (await app.GetAsync("/api/v1/me/reminders?from=2026-03-10T12:00:00Z&to=2026-03-17T12:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal([plan.Assignments[0].Id], agenda.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assignmentId").GetGuid()));
        var reminded = reminders.GetProperty("reminders").EnumerateArray().Select(r => r.GetProperty("assignmentId").GetGuid()).Distinct();
        Assert.Equal([plan.Assignments[0].Id], reminded);
    }

    [Fact]
    public async Task The_timeline_shows_its_uses_apart_from_what_was_due()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.AsNeeded());
        var asNeededId = plan.Assignments[1].Id;
        await Practise.CompleteAsync(api, app, asNeededId, "2026-03-08T03:00:00Z");
        await Practise.CompleteAsync(api, app, asNeededId, "2026-03-08T04:00:00Z");

        var timeline = await (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/timeline?from=2026-03-07&to=2026-03-08")).ReadAsync<JsonElement>();

        var saturday = timeline.GetProperty("days")[0];
        Assert.Equal("2026-03-07", saturday.GetProperty("date").GetString());
        Assert.Equal(1, saturday.GetProperty("expected").GetInt32());
        Assert.Equal(0, saturday.GetProperty("credited").GetInt32());
        Assert.Equal([plan.Assignments[0].Id], saturday.GetProperty("due").EnumerateArray().Select(d => d.GetProperty("assignmentId").GetGuid()));
        var use = Assert.Single(saturday.GetProperty("uses").EnumerateArray());
        Assert.Equal(asNeededId, use.GetProperty("assignmentId").GetGuid());
        Assert.Equal(plan.Id, use.GetProperty("planId").GetGuid());
        Assert.Equal("soothing-touch", use.GetProperty("exerciseKey").GetString());
        Assert.Equal(2, use.GetProperty("uses").GetInt32());
        Assert.Equal(2, saturday.GetProperty("completions").GetArrayLength());
        Assert.Empty(timeline.GetProperty("days")[1].GetProperty("uses").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"kind":"asNeeded","timesOfDay":["20:00"]}""", "assignments[0].schedule.timesOfDay")]
    [InlineData("""{"kind":"asNeeded","timesPerDay":1}""", "assignments[0].schedule.timesPerDay")]
    [InlineData("""{"kind":"asNeeded","dueDate":"2026-03-05"}""", "assignments[0].schedule.dueDate")]
    public async Task An_as_needed_schedule_with_a_count_a_date_or_reminder_times_is_a_400(string schedule, string field)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", $$"""
            {"title":"Whenever it gets hard","startDate":"2026-03-02","endDate":"2026-03-15","assignments":[{"exerciseKey":"soothing-touch","schedule":{{schedule}}}]}
            """);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Reminder_times_for_an_as_needed_assignment_are_a_422_naming_timesOfDay()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.AsNeeded());

        var response = await practice.Admin.PatchJsonAsync($"/api/v1/plans/{plan.Id}/assignments/{plan.Assignments[0].Id}", new { timesOfDay = new[] { "21:00" } }, ifMatch: plan.ETag);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "timesOfDay");
        var read = await (await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}")).ReadAsync<PlanResponse>();
        Assert.Null(read.Assignments[0].Schedule.TimesOfDay);
    }
}
