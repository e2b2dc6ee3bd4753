using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// ADHERENCE.md's worked example of definitions 2026-12 (relief and moments), end to end over HTTP: every number it
/// lists, exactly, in the plan summary and in session prep; and every 2026-11 figure as if the as-needed practice
/// had never happened.
/// </summary>
public sealed class ReliefWorkedExampleTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Worked_example_of_relief_and_moments_gives_every_listed_number_exactly()
    {
        var (therapistApi, clientId, planId) = await PractiseAsync();

        var summary = await Practise.SummaryAsync(therapistApi, planId, "?asOf=2026-03-10T12:00:00Z");

        Assert.Equal("2026-12", summary.GetProperty("definitionsVersion").GetString());
        var relief = summary.GetProperty("relief").EnumerateArray().ToList();
        Assert.Equal(["self-compassion-break", "soothing-touch"], relief.Select(r => r.GetProperty("exerciseKey").GetString()));
        AssertRelief(relief[0], uses: 5, ratedUses: 4, meanDistressBefore: 6.5, meanDistressChange: -2.25, shareWithDropOf2: 0.75);
        AssertRelief(relief[1], uses: 3, ratedUses: 2, meanDistressBefore: 23.0 / 3, meanDistressChange: -2, shareWithDropOf2: 0.5);
        AssertMoments(summary.GetProperty("moments"), uses: 4, nightUses: 3, meanDistressBefore: 7.75, meanDistressChange: -7.0 / 3);

        // The 2026-11 figures: only the daily assignment's five completions count.
        Assert.Equal((8, 5, 0), (summary.GetProperty("expected").GetInt32(), summary.GetProperty("credited").GetInt32(), summary.GetProperty("extra").GetInt32()));
        Assert.Equal(0.625, summary.GetProperty("adherenceRate").GetDouble());
        Assert.Equal((5, 0.625), (summary.GetProperty("practicedDueDays").GetInt32(), summary.GetProperty("pdc").GetDouble()));
        Assert.Equal((0, 5), (summary.GetProperty("currentStreak").GetInt32(), summary.GetProperty("longestStreak").GetInt32()));
        Assert.Equal("2026-03-06T08:10:00Z", summary.GetProperty("lastCompletedAt").GetString());
        Assert.Equal(5, summary.GetProperty("quality").GetProperty("completions").GetInt32());
        Assert.Equal(["inactive"], summary.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(3, summary.GetProperty("assignments")[1].GetProperty("uses").GetInt32());

        var prep = await (await therapistApi.GetAsync($"/api/v1/clients/{clientId}/session-prep?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal("2026-03-03", prep.GetProperty("since").GetString());
        var between = prep.GetProperty("relief").EnumerateArray().ToList();
        Assert.Equal(["soften-soothe-allow", "self-compassion-break", "soothing-touch"], between.Select(r => r.GetProperty("exerciseKey").GetString()));
        AssertRelief(between[0], uses: 1, ratedUses: 1, meanDistressBefore: 9, meanDistressChange: -4, shareWithDropOf2: 1);
        AssertRelief(between[1], uses: 4, ratedUses: 3, meanDistressBefore: 20.0 / 3, meanDistressChange: -7.0 / 3, shareWithDropOf2: 2.0 / 3);
        AssertRelief(between[2], uses: 3, ratedUses: 2, meanDistressBefore: 23.0 / 3, meanDistressChange: -2, shareWithDropOf2: 0.5);
        AssertMoments(prep.GetProperty("moments"), uses: 5, nightUses: 4, meanDistressBefore: 8, meanDistressChange: -2.75);
    }

    [Fact]
    public async Task Without_practice_relief_is_empty_and_moments_are_zero_with_no_means()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var summary = await Practise.SummaryAsync(therapistApi, plan.Id);
        var prep = await (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}/session-prep")).ReadAsync<JsonElement>();

        foreach (var read in new[] { summary, prep })
        {
            Assert.Empty(read.GetProperty("relief").EnumerateArray());
            AssertMoments(read.GetProperty("moments"), uses: 0, nightUses: 0, meanDistressBefore: null, meanDistressChange: null);
        }
    }

    /// <summary>
    /// The example's client in New York: a plan of 2026-03-02..15 with a daily Self-Compassion Break and Soothing Touch
    /// as needed, its practice, and one Soften, Soothe, Allow outside any plan.
    /// </summary>
    private async Task<(HttpClient TherapistApi, Guid ClientId, Guid PlanId)> PractiseAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.AsNeeded("soothing-touch"));
        var daily = plan.Assignments[0].Id;
        var asNeeded = plan.Assignments[1].Id;

        await Practise.CompleteAsync(api, app, daily, "2026-03-02T19:00:00-05:00", distressBefore: 6, distressAfter: 4);
        await Practise.CompleteAsync(api, app, daily, "2026-03-03T19:00:00-05:00", distressBefore: 5, distressAfter: 4);
        await Practise.CompleteAsync(api, app, daily, "2026-03-04T19:00:00-05:00");
        await Practise.CompleteAsync(api, app, daily, "2026-03-05T19:00:00-05:00", distressBefore: 7, distressAfter: 4);
        var inTheMoment = await Practise.LogAsync(api, app, "self-compassion-break", "2026-03-06T03:10:00-05:00", distressBefore: 8, distressAfter: 5);
        Assert.Equal(daily, inTheMoment.GetProperty("assignmentId").GetGuid());
        await Practise.CompleteAsync(api, app, asNeeded, "2026-03-07T02:30:00-05:00", distressBefore: 9, distressAfter: 6);
        await Practise.CompleteAsync(api, app, asNeeded, "2026-03-08T23:15:00-04:00", distressBefore: 8, distressAfter: 7);
        await Practise.CompleteAsync(api, app, asNeeded, "2026-03-09T14:00:00-04:00", distressBefore: 6);
        await Practise.CompleteAsync(api, app, asNeeded, "2026-03-10T03:00:00-04:00", distressBefore: 9, distressAfter: 3);
        var own = await Practise.LogAsync(api, app, "soften-soothe-allow", "2026-03-09T22:40:00-04:00", distressBefore: 9, distressAfter: 5);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("planId").ValueKind);
        return (therapistApi, client.Id, plan.Id);
    }

    private static void AssertRelief(JsonElement relief, int uses, int ratedUses, double meanDistressBefore, double meanDistressChange, double shareWithDropOf2)
    {
        Assert.Equal(uses, relief.GetProperty("uses").GetInt32());
        Assert.Equal(ratedUses, relief.GetProperty("ratedUses").GetInt32());
        Assert.Equal(meanDistressBefore, relief.GetProperty("meanDistressBefore").GetDouble(), 12);
        Assert.Equal(meanDistressChange, relief.GetProperty("meanDistressChange").GetDouble(), 12);
        Assert.Equal(shareWithDropOf2, relief.GetProperty("shareWithDropOf2").GetDouble(), 12);
    }

    private static void AssertMoments(JsonElement moments, int uses, int nightUses, double? meanDistressBefore, double? meanDistressChange)
    {
        Assert.Equal(uses, moments.GetProperty("uses").GetInt32());
        Assert.Equal(nightUses, moments.GetProperty("nightUses").GetInt32());
        AssertMean(meanDistressBefore, moments.GetProperty("meanDistressBefore"));
        AssertMean(meanDistressChange, moments.GetProperty("meanDistressChange"));
    }

    private static void AssertMean(double? expected, JsonElement actual)
    {
        if (expected is { } value)
        {
            Assert.Equal(value, actual.GetDouble(), 12);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
    }
}
