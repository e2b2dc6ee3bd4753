using System.Net;
using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

/// <summary>Reminder times on schedules: accepted, kept in order, changed, and never a part of any adherence figure.</summary>
public sealed class TimesOfDayTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_plan_takes_times_of_day_on_every_kind_of_schedule_and_returns_them_in_order()
    {
        var fixture = await PlanFixture.CreateAsync(
            api,
            Daily(2, "20:00", "08:00"),
            new { exerciseKey = "self-compassion-journal", schedule = new { kind = "weekly", timesPerWeek = 3, timesOfDay = new[] { "19:30" } } },
            new { exerciseKey = "compassionate-letter", schedule = new { kind = "once", dueDate = "2026-03-12", timesOfDay = new[] { "10:00", "17:00" } } },
            TestPractice.Daily(1, "soothing-touch"));

        var plan = await (await fixture.Therapist.GetAsync(fixture.Url)).ReadAsync<PlanResponse>();

        Assert.Equal(["08:00", "20:00"], Schedule(plan, "self-compassion-break").TimesOfDay);
        Assert.Equal(["19:30"], Schedule(plan, "self-compassion-journal").TimesOfDay);
        Assert.Equal(["10:00", "17:00"], Schedule(plan, "compassionate-letter").TimesOfDay);
        Assert.Null(Schedule(plan, "soothing-touch").TimesOfDay);
    }

    [Theory]
    [InlineData("8:00", "assignments[0].schedule.timesOfDay[0]")]
    [InlineData("08:00:00", "assignments[0].schedule.timesOfDay[0]")]
    [InlineData("24:00", "assignments[0].schedule.timesOfDay[0]")]
    [InlineData("noon", "assignments[0].schedule.timesOfDay[0]")]
    public async Task A_time_of_day_that_is_not_HH_mm_is_a_400_naming_it(string time, string field)
    {
        var (practice, clientId) = await ClientAsync();

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", PlanBody(Daily(1, time)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task More_than_six_times_or_a_time_twice_is_a_400_naming_the_times_of_day()
    {
        var (practice, clientId) = await ClientAsync();

        var tooMany = await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", PlanBody(Daily(6, "06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00")));
        var twice = await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", PlanBody(Daily(2, "08:00", "08:00")));

        var problem = await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "assignments[0].schedule.timesOfDay");
        Assert.Contains("at most 6", problem.ToString(), StringComparison.Ordinal);
        await twice.AssertProblemAsync(HttpStatusCode.BadRequest, "assignments[0].schedule.timesOfDay");
    }

    [Fact]
    public async Task Times_of_day_do_not_depend_on_times_per_day()
    {
        var (practice, clientId) = await ClientAsync();

        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", PlanBody(Daily(1, "07:00", "12:00", "21:00")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Patching_an_assignment_replaces_or_removes_its_reminder_times_and_keeps_the_rest()
    {
        var fixture = await PlanFixture.CreateAsync(api, Daily(1, "08:00"));
        var assignment = fixture.Plan.Assignments.Single();
        var url = $"{fixture.Url}/assignments/{assignment.Id}";

        var changed = await (await fixture.Therapist.PatchJsonAsync(url, new { timesOfDay = new[] { "21:00", "07:15" } }, ifMatch: fixture.Plan.ETag)).ReadAsync<PlanResponse>();
        var kept = await (await fixture.Therapist.PatchJsonAsync(url, new { instructions = "Gently." }, ifMatch: changed.ETag)).ReadAsync<PlanResponse>();
        var removed = await (await fixture.Therapist.PatchJsonAsync(url, new { timesOfDay = Array.Empty<string>() }, ifMatch: kept.ETag)).ReadAsync<PlanResponse>();
        var refused = await fixture.Therapist.PatchJsonAsync(url, new { timesOfDay = new[] { "7am" } }, ifMatch: removed.ETag);

        Assert.Equal(["07:15", "21:00"], changed.Assignments.Single().Schedule.TimesOfDay);
        Assert.Equal((assignment.StartDate, assignment.EndDate, 1), (changed.Assignments.Single().StartDate, changed.Assignments.Single().EndDate, changed.Assignments.Single().Schedule.TimesPerDay));
        Assert.Equal(["07:15", "21:00"], kept.Assignments.Single().Schedule.TimesOfDay);
        Assert.Equal("Gently.", kept.Assignments.Single().Instructions);
        Assert.Null(removed.Assignments.Single().Schedule.TimesOfDay);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "timesOfDay[0]");
    }

    [Fact]
    public async Task An_EHR_resending_a_plan_with_new_reminder_times_changes_them_without_adding_an_assignment()
    {
        var (practice, clientId) = await ClientAsync();
        var url = $"/api/v1/clients/{clientId}/plans/by-external-id/EHR-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await practice.Admin.SendJsonAsync(HttpMethod.Put, url, PlanBody(Daily(1, "08:00")))).StatusCode);

        var response = await practice.Admin.SendJsonAsync(HttpMethod.Put, url, PlanBody(Daily(1, "09:30")));
        var plan = await response.ReadAsync<PlanResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["09:30"], Assert.Single(plan.Assignments).Schedule.TimesOfDay);
    }

    [Fact]
    public async Task Reminder_times_change_no_adherence_figure()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (plain, plainApp) = await practice.AddClientAsync(therapist.Id);
        var (reminded, remindedApp) = await practice.AddClientAsync(therapist.Id);
        var plainPlan = await practice.AssignPlanAsync(plain.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(2), TestPractice.Weekly(2));
        var remindedPlan = await practice.AssignPlanAsync(reminded.Id, "2026-03-02", "2026-03-15", Daily(2, "08:00", "12:00", "20:00"),
            new { exerciseKey = "self-compassion-journal", schedule = new { kind = "weekly", timesPerWeek = 2, timesOfDay = new[] { "19:00" } } });
        foreach (var (app, plan) in new[] { (plainApp, plainPlan), (remindedApp, remindedPlan) })
        {
            await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-break"), "2026-03-03T14:00:00Z", distressBefore: 6, distressAfter: 3);
            await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-break"), "2026-03-05T23:00:00Z");
            await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-journal"), "2026-03-04T01:00:00Z");
        }

        var plainSummary = await Practise.SummaryAsync(practice.Admin, plainPlan.Id, "?asOf=2026-03-10T12:00:00Z");
        var remindedSummary = await Practise.SummaryAsync(practice.Admin, remindedPlan.Id, "?asOf=2026-03-10T12:00:00Z");

        Assert.Equal(Figures(plainSummary), Figures(remindedSummary));
        Assert.Equal(3, plainSummary.GetProperty("credited").GetInt32());
    }

    private static string Figures(JsonElement summary)
    {
        var names = new[] { "window", "expected", "credited", "extra", "adherenceRate", "dueDays", "practicedDueDays", "pdc", "currentStreak", "longestStreak", "quality", "skips", "trend", "flags" };
        var today = summary.GetProperty("today").EnumerateArray().Select(t => $"{t.GetProperty("expected")}/{t.GetProperty("done")}");
        var assignments = summary.GetProperty("assignments").EnumerateArray().Select(a => $"{a.GetProperty("exerciseKey")}:{a.GetProperty("expected")}/{a.GetProperty("credited")}/{a.GetProperty("extra")}").Order();
        return string.Join('|', names.Select(n => summary.GetProperty(n).ToString()).Concat(today).Concat(assignments));
    }

    private static ScheduleModel Schedule(PlanResponse plan, string exerciseKey) => plan.Assignments.Single(a => a.ExerciseKey == exerciseKey).Schedule;

    private static object Daily(int timesPerDay, params string[] timesOfDay) =>
        new { exerciseKey = "self-compassion-break", schedule = new { kind = "daily", timesPerDay, timesOfDay } };

    private static object PlanBody(object assignment) =>
        new { title = "Kindness", startDate = "2026-03-02", endDate = "2026-03-15", assignments = new[] { assignment } };

    private async Task<(TestPractice Practice, Guid ClientId)> ClientAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        return (practice, client.Id);
    }
}
