using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

public sealed class PlanAdherenceTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string AsOf = "?asOf=2026-03-10T12:00:00Z";

    [Fact]
    public async Task From_narrows_the_window_but_not_when_the_client_last_practised()
    {
        var (_, therapist, plan, app) = await PlanInZoneAsync("America/New_York");
        var assignmentId = plan.Assignments.Single().Id;
        foreach (var completedAt in new[] { "2026-03-02T15:00:00Z", "2026-03-03T15:00:00Z" })
        {
            await Practise.CompleteAsync(api, app, assignmentId, completedAt);
        }

        var summary = await Practise.SummaryAsync(therapist, plan.Id, AsOf + "&from=2026-03-07");

        Assert.Equal("2026-03-07", summary.GetProperty("window").GetProperty("from").GetString());
        Assert.Equal(3, summary.GetProperty("window").GetProperty("days").GetInt32());
        Assert.Equal(3, summary.GetProperty("expected").GetInt32());
        Assert.Equal(0, summary.GetProperty("credited").GetInt32());
        Assert.Equal(0, summary.GetProperty("quality").GetProperty("completions").GetInt32());
        Assert.Equal("2026-03-03T15:00:00Z", summary.GetProperty("lastCompletedAt").GetString());
        Assert.Equal(7, summary.GetProperty("daysSinceLastCompletion").GetInt32());
        Assert.Equal(["not_started", "low_adherence", "inactive"], Flags(summary));
    }

    [Fact]
    public async Task From_narrowing_counts_only_the_days_from_it()
    {
        var (_, therapist, plan, app) = await PlanInZoneAsync("America/New_York");
        var assignmentId = plan.Assignments.Single().Id;
        foreach (var day in new[] { 2, 3, 5, 6, 7, 8, 9 })
        {
            await Practise.CompleteAsync(api, app, assignmentId, $"2026-03-{day:00}T15:00:00Z");
        }

        await Practise.SkipAsync(app, assignmentId, "2026-03-04", "no_time");

        var full = await Practise.SummaryAsync(therapist, plan.Id, AsOf);
        var narrowed = await Practise.SummaryAsync(therapist, plan.Id, AsOf + "&from=2026-03-05");

        Assert.Equal(1, full.GetProperty("skips").GetProperty("no_time").GetInt32());
        Assert.Equal(0.875, full.GetProperty("adherenceRate").GetDouble());
        Assert.Equal(0, narrowed.GetProperty("skips").GetProperty("no_time").GetInt32());
        Assert.Equal(5, narrowed.GetProperty("expected").GetInt32());
        Assert.Equal(5, narrowed.GetProperty("credited").GetInt32());
        Assert.Equal(1.0, narrowed.GetProperty("adherenceRate").GetDouble());
        Assert.Equal(5, narrowed.GetProperty("currentStreak").GetInt32());
    }

    [Fact]
    public async Task Narrowed_window_still_sees_what_happened_before_it_when_the_rules_look_there()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.Once("2026-03-09"));
        var letter = Practise.Assignment(plan, "compassionate-letter");
        var daily = Practise.Assignment(plan, "self-compassion-break");
        await Practise.CompleteAsync(api, app, letter, "2026-03-03T15:00:00Z");
        await Practise.CompleteAsync(api, app, daily, "2026-03-07T15:00:00Z");

        var summary = await Practise.SummaryAsync(therapistClient, plan.Id, AsOf + "&from=2026-03-09");

        // The letter written on 03-03 credits the once due 03-09; the practice on 03-07 is inside the inactive look-back.
        var once = summary.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("assignmentId").GetGuid() == letter);
        Assert.Equal(1, once.GetProperty("credited").GetInt32());
        Assert.True(once.GetProperty("onTime").GetBoolean());
        Assert.Equal(2, summary.GetProperty("expected").GetInt32());
        Assert.Equal(1, summary.GetProperty("credited").GetInt32());
        Assert.Equal(0, summary.GetProperty("extra").GetInt32());
        Assert.DoesNotContain("inactive", Flags(summary));
    }

    [Fact]
    public async Task Paused_days_are_not_due_and_do_not_break_the_streak()
    {
        api.Clock.Reset(Practise.Instant("2026-03-01T12:00:00Z"));
        var (practice, therapist, plan, app) = await PlanInZoneAsync("America/New_York");
        var assignmentId = plan.Assignments.Single().Id;
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-02T16:00:00Z");
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-03T16:00:00Z");
        await Practise.TransitionAsync(api, practice, plan.Id, "pause", "2026-03-04T15:00:00Z");
        await Practise.TransitionAsync(api, practice, plan.Id, "resume", "2026-03-07T15:00:00Z");
        foreach (var day in new[] { 7, 8, 9 })
        {
            await Practise.CompleteAsync(api, app, assignmentId, $"2026-03-{day:00}T16:00:00Z");
        }

        api.Clock.Reset(Practise.Instant("2026-03-10T12:00:00Z"));

        var summary = await Practise.SummaryAsync(therapist, plan.Id);
        Assert.Equal(5, summary.GetProperty("expected").GetInt32());
        Assert.Equal(5, summary.GetProperty("credited").GetInt32());
        Assert.Equal(5, summary.GetProperty("dueDays").GetInt32());
        Assert.Equal(5, summary.GetProperty("currentStreak").GetInt32());
        Assert.Equal(5, summary.GetProperty("longestStreak").GetInt32());
        Assert.Empty(Flags(summary));

        // During the pause, as it was then known: the pause is open, so every day from it on is not due.
        var duringPause = await Practise.SummaryAsync(therapist, plan.Id, "?asOf=2026-03-06T12:00:00Z");
        Assert.Equal(2, duringPause.GetProperty("expected").GetInt32());
        Assert.Equal(2, duringPause.GetProperty("credited").GetInt32());
        Assert.Empty(duringPause.GetProperty("today").EnumerateArray());
    }

    [Fact]
    public async Task Kolkata_client_is_credited_on_local_dates_not_utc_days()
    {
        var (_, therapist, plan, app) = await PlanInZoneAsync("Asia/Kolkata");
        var assignmentId = plan.Assignments.Single().Id;

        // Both on the UTC day 03-08, but 03-08 15:30 and 03-09 01:30 in India.
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-08T10:00:00Z");
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-08T20:00:00Z");

        var summary = await Practise.SummaryAsync(therapist, plan.Id, AsOf);

        Assert.Equal("Asia/Kolkata", summary.GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-09", summary.GetProperty("window").GetProperty("to").GetString());
        Assert.Equal(2, summary.GetProperty("credited").GetInt32());
        Assert.Equal(0, summary.GetProperty("extra").GetInt32());
        Assert.Equal(2, summary.GetProperty("currentStreak").GetInt32());
        Assert.Equal(1, summary.GetProperty("daysSinceLastCompletion").GetInt32());
    }

    [Fact]
    public async Task Auckland_client_is_already_a_day_ahead_of_utc()
    {
        var (_, therapist, plan, app) = await PlanInZoneAsync("Pacific/Auckland");
        var assignmentId = plan.Assignments.Single().Id;

        // 12:00 UTC on 03-10 is 01:00 on 03-11 in Auckland (NZDT, +13): today is 03-11.
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-09T12:00:00Z");
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-10T11:30:00Z");

        var summary = await Practise.SummaryAsync(therapist, plan.Id, AsOf);

        Assert.Equal("2026-03-10", summary.GetProperty("window").GetProperty("to").GetString());
        Assert.Equal(9, summary.GetProperty("window").GetProperty("days").GetInt32());
        Assert.Equal(9, summary.GetProperty("expected").GetInt32());
        Assert.Equal(1, summary.GetProperty("credited").GetInt32());
        Assert.Equal(1, summary.GetProperty("currentStreak").GetInt32());
        var today = Assert.Single(summary.GetProperty("today").EnumerateArray());
        Assert.Equal(1, today.GetProperty("done").GetInt32());
        Assert.Equal(0, summary.GetProperty("daysSinceLastCompletion").GetInt32());
    }

    [Fact]
    public async Task Client_reads_their_own_plan_summary_and_integration_reads_the_practice()
    {
        var (practice, _, plan, app) = await PlanInZoneAsync("America/New_York");

        var own = await Practise.SummaryAsync(app, plan.Id, AsOf);
        var byIntegration = await Practise.SummaryAsync(practice.Integration, plan.Id, AsOf);

        Assert.Equal(plan.Id, own.GetProperty("planId").GetGuid());
        Assert.Equal(plan.Id, byIntegration.GetProperty("planId").GetGuid());
    }

    private async Task<(TestPractice Practice, HttpClient Therapist, PlanResponse Plan, HttpClient App)> PlanInZoneAsync(string zone)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, zone);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        return (practice, therapistClient, plan, app);
    }

    private static string[] Flags(JsonElement summary) =>
        [.. summary.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];
}
