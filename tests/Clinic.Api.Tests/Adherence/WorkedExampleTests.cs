using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>ADHERENCE.md's worked example, end to end over HTTP: every number it lists, exactly.</summary>
public sealed class WorkedExampleTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Worked_example_gives_every_listed_number_exactly()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var assignmentId = plan.Assignments.Single().Id;
        foreach (var completedAt in new[]
        {
            "2026-03-02T19:00:00-05:00", "2026-03-03T08:00:00-05:00", "2026-03-03T21:00:00-05:00", "2026-03-05T19:00:00-05:00",
            "2026-03-06T19:00:00-05:00", "2026-03-07T19:00:00-05:00", "2026-03-08T19:00:00-04:00", "2026-03-09T07:00:00-04:00",
            "2026-03-10T02:30:00Z",
        })
        {
            await Practise.CompleteAsync(api, app, assignmentId, completedAt);
        }

        var summary = await Practise.SummaryAsync(therapistClient, plan.Id, "?asOf=2026-03-10T12:00:00Z");

        Assert.Equal(plan.Id, summary.GetProperty("planId").GetGuid());
        Assert.Equal(client.Id, summary.GetProperty("clientId").GetGuid());
        Assert.Equal("America/New_York", summary.GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", summary.GetProperty("asOf").GetString());
        Assert.Equal("2026-12", summary.GetProperty("definitionsVersion").GetString());
        var window = summary.GetProperty("window");
        Assert.Equal("2026-03-02", window.GetProperty("from").GetString());
        Assert.Equal("2026-03-09", window.GetProperty("to").GetString());
        Assert.Equal(8, window.GetProperty("days").GetInt32());
        Assert.Equal(8, summary.GetProperty("expected").GetInt32());
        Assert.Equal(7, summary.GetProperty("credited").GetInt32());
        Assert.Equal(2, summary.GetProperty("extra").GetInt32());
        Assert.Equal(0.875, summary.GetProperty("adherenceRate").GetDouble());
        Assert.Equal(8, summary.GetProperty("dueDays").GetInt32());
        Assert.Equal(7, summary.GetProperty("practicedDueDays").GetInt32());
        Assert.Equal(0.875, summary.GetProperty("pdc").GetDouble());
        Assert.Equal(5, summary.GetProperty("currentStreak").GetInt32());
        Assert.Equal(5, summary.GetProperty("longestStreak").GetInt32());
        Assert.Equal("2026-03-10T02:30:00Z", summary.GetProperty("lastCompletedAt").GetString());
        Assert.Equal(1, summary.GetProperty("daysSinceLastCompletion").GetInt32());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("trend").ValueKind);
        Assert.Empty(summary.GetProperty("flags").EnumerateArray());
        Assert.Equal(9, summary.GetProperty("quality").GetProperty("completions").GetInt32());
        Assert.Equal(0, summary.GetProperty("quality").GetProperty("backfilled").GetInt32());

        var skips = summary.GetProperty("skips");
        Assert.Equal(
            ["forgot", "no_time", "too_distressing", "unclear", "not_helpful", "other"],
            skips.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.All(skips.EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt32()));

        var today = Assert.Single(summary.GetProperty("today").EnumerateArray());
        Assert.Equal(assignmentId, today.GetProperty("assignmentId").GetGuid());
        Assert.Equal(1, today.GetProperty("expected").GetInt32());
        Assert.Equal(0, today.GetProperty("done").GetInt32());

        var assignment = Assert.Single(summary.GetProperty("assignments").EnumerateArray());
        Assert.Equal("self-compassion-break", assignment.GetProperty("exerciseKey").GetString());
        Assert.Equal("daily", assignment.GetProperty("schedule").GetProperty("kind").GetString());
        Assert.Equal(1, assignment.GetProperty("schedule").GetProperty("timesPerDay").GetInt32());
        Assert.Equal(8, assignment.GetProperty("expected").GetInt32());
        Assert.Equal(7, assignment.GetProperty("credited").GetInt32());
        Assert.Equal(2, assignment.GetProperty("extra").GetInt32());
    }

    [Fact]
    public async Task Summary_defaults_asOf_to_now()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var summary = await Practise.SummaryAsync(therapistClient, plan.Id);

        Assert.Equal("2026-03-10T12:00:00Z", summary.GetProperty("asOf").GetString());
        Assert.Equal("2026-03-09", summary.GetProperty("window").GetProperty("to").GetString());
    }
}
