using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Measures;
using Clinic.Domain.Measures;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// Session prep sets practice beside outcome (ADHERENCE.md, definitions 2026-12): the worked example end to end over
/// HTTP, every number it lists, and what is null when a figure cannot be known.
/// </summary>
public sealed class PracticeBesideOutcomeTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string WorkedExampleQuery = "?asOf=2026-03-10T12:00:00Z&since=2026-03-02T05:00:00Z";

    [Fact]
    public async Task Worked_example_of_practice_beside_outcome_gives_every_listed_number_exactly()
    {
        var world = await MeasureWorld.CreateAsync(api, "America/New_York");
        var plan = await world.Practice.AssignPlanAsync(world.ClientId, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        foreach (var (completedAt, before, after) in new (string, int?, int?)[]
        {
            ("2026-03-02T19:00:00-05:00", 7, 3), ("2026-03-03T08:00:00-05:00", null, null), ("2026-03-03T21:00:00-05:00", null, null),
            ("2026-03-05T19:00:00-05:00", 6, 5), ("2026-03-06T19:00:00-05:00", null, null), ("2026-03-07T19:00:00-05:00", null, null),
            ("2026-03-08T19:00:00-04:00", null, null), ("2026-03-09T07:00:00-04:00", null, null), ("2026-03-10T02:30:00Z", null, null),
        })
        {
            await Practise.CompleteAsync(api, world.App, plan.Assignments[0].Id, completedAt, before, after);
        }

        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 30), "2026-02-27T20:00:00-05:00");
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(Instruments.Phq9, 14), "2026-02-27T20:05:00-05:00");
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 39), "2026-03-09T21:00:00-04:00");
        await world.AnsweredAsync("phq-9", MeasureWorld.WithPoints(Instruments.Phq9, 8), "2026-03-09T21:05:00-04:00");

        var prep = await SessionPrepAsync(world, WorkedExampleQuery);

        Assert.Equal(0.875, prep.GetProperty("overall").GetProperty("adherenceRate").GetDouble());
        var beside = prep.GetProperty("practiceBesideOutcome");
        Assert.Equal("2026-03-02", beside.GetProperty("from").GetString());
        Assert.Equal("2026-03-09", beside.GetProperty("to").GetString());
        Assert.Equal(0.875, beside.GetProperty("adherenceRate").GetDouble());
        var relief = beside.GetProperty("relief");
        Assert.Equal(9, relief.GetProperty("uses").GetInt32());
        Assert.Equal(2, relief.GetProperty("ratedUses").GetInt32());
        Assert.Equal(-2.5, relief.GetProperty("meanDistressChange").GetDouble());
        Assert.Equal(0.5, relief.GetProperty("shareWithDropOf2").GetDouble());
        var scs = beside.GetProperty("selfCompassion");
        Assert.Equal("scs-sf", scs.GetProperty("measureKey").GetString());
        Assert.Equal(2.5, scs.GetProperty("startScore").GetDouble());
        Assert.Equal("2026-02-28T01:00:00Z", scs.GetProperty("startAnsweredAt").GetString());
        Assert.Equal(3.25, scs.GetProperty("endScore").GetDouble());
        Assert.Equal("2026-03-10T01:00:00Z", scs.GetProperty("endAnsweredAt").GetString());
        Assert.Equal(0.75, scs.GetProperty("change").GetDouble(), 12);
        Assert.Equal(2.3236, scs.GetProperty("reliableChangeIndex").GetDouble(), 4);
        Assert.True(scs.GetProperty("reliableChange").GetBoolean());
        Assert.Equal("improved", scs.GetProperty("direction").GetString());
        Assert.Equal("practice_and_improvement", beside.GetProperty("pattern").GetString());

        var measures = prep.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["scs-sf", "phq-9"], measures.Select(m => m.GetProperty("measureKey").GetString()));
        var phq9 = measures[1];
        Assert.Equal(2, phq9.GetProperty("responses").GetInt32());
        Assert.Equal(14.0, phq9.GetProperty("baseline").GetProperty("score").GetDouble());
        Assert.Equal(8.0, phq9.GetProperty("latest").GetProperty("score").GetDouble());
        Assert.Equal(-6.0, phq9.GetProperty("latest").GetProperty("changeFromBaseline").GetDouble());
        Assert.Equal(-2.1320, phq9.GetProperty("latest").GetProperty("reliableChangeIndex").GetDouble(), 4);
        Assert.Equal("improved", phq9.GetProperty("latest").GetProperty("direction").GetString());
        Assert.Equal("mild", phq9.GetProperty("latest").GetProperty("band").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Without_an_earlier_score_the_change_runs_from_the_first_in_the_window_and_answers_after_asOf_do_not_count()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.Practice.AssignPlanAsync(world.ClientId, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 36), "2026-03-03T20:00:00Z");
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 37), "2026-03-08T20:00:00Z");
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 60), "2026-03-10T11:00:00Z");

        var prep = await SessionPrepAsync(world, "?asOf=2026-03-09T12:00:00Z&since=2026-03-02T05:00:00Z");

        var beside = prep.GetProperty("practiceBesideOutcome");
        Assert.Equal(3.0, beside.GetProperty("selfCompassion").GetProperty("startScore").GetDouble());
        Assert.Equal(37 / 12.0, beside.GetProperty("selfCompassion").GetProperty("endScore").GetDouble(), 12);
        Assert.Equal("no_reliable_change", beside.GetProperty("selfCompassion").GetProperty("direction").GetString());
        Assert.Equal(0.0, beside.GetProperty("adherenceRate").GetDouble());
        Assert.Equal("neither", beside.GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task With_one_SCS_SF_answer_or_nothing_due_there_is_no_change_and_no_pattern()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("scs-sf", MeasureWorld.WithPoints(Instruments.ScsSf, 36), "2026-03-03T20:00:00Z");

        var prep = await SessionPrepAsync(world, WorkedExampleQuery);

        var beside = prep.GetProperty("practiceBesideOutcome");
        Assert.Equal(JsonValueKind.Null, beside.GetProperty("adherenceRate").ValueKind);
        Assert.Equal(0, beside.GetProperty("relief").GetProperty("uses").GetInt32());
        Assert.Equal(JsonValueKind.Null, beside.GetProperty("relief").GetProperty("meanDistressChange").ValueKind);
        Assert.Equal(JsonValueKind.Null, beside.GetProperty("selfCompassion").ValueKind);
        Assert.Equal(JsonValueKind.Null, beside.GetProperty("pattern").ValueKind);
        Assert.Equal(1, Assert.Single(prep.GetProperty("measures").EnumerateArray()).GetProperty("responses").GetInt32());
    }

    private static async Task<JsonElement> SessionPrepAsync(MeasureWorld world, string query) =>
        await (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/session-prep{query}")).ReadAsync<JsonElement>();
}
