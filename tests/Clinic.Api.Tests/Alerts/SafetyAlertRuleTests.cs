using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Measures;

namespace Clinic.Api.Tests.Alerts;

/// <summary>
/// A client's own crisis answer opens a safety alert (PHQ-9 item 9 above 0; distress after practice of 9 or 10; a
/// second too_distressing skip within 7 days), once per cause while it is open, and the answer to that submission
/// carries the practice's crisis resources so the app can show them at once.
/// </summary>
public sealed class SafetyAlertRuleTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task PHQ9_item_9_above_0_opens_an_alert_and_the_answer_carries_the_crisis_resources()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var answered = await world.AnsweredAsync("phq-9", [0, 1, 0, 1, 0, 1, 0, 0, 1]);

        var resources = answered.GetProperty("crisisResources").EnumerateArray().ToList();
        Assert.Contains("emergency", Assert.Single(resources).GetProperty("text").GetString(), StringComparison.Ordinal);
        var alert = Assert.Single(await OpenAlertsAsync(world));
        Assert.Equal("phq9_item9", alert.GetProperty("cause").GetString());
        Assert.Equal("measure_response", alert.GetProperty("sourceType").GetString());
        Assert.Equal(answered.GetProperty("id").GetGuid(), alert.GetProperty("sourceId").GetGuid());
        Assert.Equal(1, alert.GetProperty("value").GetInt32());
        Assert.False(alert.GetProperty("acknowledged").GetBoolean());
    }

    [Fact]
    public async Task PHQ9_item_9_at_0_opens_nothing_and_carries_no_crisis_resources_whatever_the_total()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var answered = await world.AnsweredAsync("phq-9", [3, 3, 3, 3, 3, 3, 3, 3, 0]);

        Assert.False(answered.TryGetProperty("crisisResources", out _));
        Assert.Empty(await OpenAlertsAsync(world));
    }

    [Fact]
    public async Task The_practices_own_crisis_resources_are_the_ones_shown()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var set = await world.Practice.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", new
        {
            distressThreshold = 8,
            resources = new[] { new { text = "Call the on-call clinician", phone = "+1 555 0100" }, new { text = "988 Suicide & Crisis Lifeline", phone = "988" } },
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var answered = await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 2]);

        Assert.Equal(["+1 555 0100", "988"], answered.GetProperty("crisisResources").EnumerateArray().Select(r => r.GetProperty("phone").GetString()));
    }

    [Fact]
    public async Task The_same_cause_again_while_open_is_recorded_on_the_open_alert_not_a_new_one()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], "2026-03-09T20:00:00Z");

        var again = await world.AnsweredAsync("phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 3], "2026-03-10T11:00:00Z");

        Assert.True(again.TryGetProperty("crisisResources", out _));
        var alert = Assert.Single(await OpenAlertsAsync(world));
        Assert.Equal(2, alert.GetProperty("triggerCount").GetInt32());
        Assert.Equal(3, alert.GetProperty("value").GetInt32());
        Assert.Equal(again.GetProperty("id").GetGuid(), alert.GetProperty("sourceId").GetGuid());
    }

    [Fact]
    public async Task Crisis_answers_sent_at_once_open_one_alert_that_counts_them_all()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => world.AnswerAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 2])));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(6, Assert.Single(await OpenAlertsAsync(world)).GetProperty("triggerCount").GetInt32());
    }

    [Fact]
    public async Task A_replayed_submission_shows_the_resources_again_and_triggers_nothing_more()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var key = Guid.NewGuid().ToString();

        await world.AnswerAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], idempotencyKey: key);
        var replay = await world.AnswerAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], idempotencyKey: key);

        Assert.True((await replay.ReadJsonAsync()).TryGetProperty("crisisResources", out _));
        Assert.Equal(1, Assert.Single(await OpenAlertsAsync(world)).GetProperty("triggerCount").GetInt32());
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(10, true)]
    public async Task Distress_after_practice_of_9_or_10_opens_an_alert(int distressAfter, bool opens)
    {
        var (world, assignmentId) = await WithPlanAsync();

        var completion = await Practise.CompleteAsync(api, world.App, assignmentId, "2026-03-09T20:00:00Z", distressBefore: 9, distressAfter: distressAfter);

        Assert.Equal(opens, completion.TryGetProperty("crisisResources", out _));
        var alerts = await OpenAlertsAsync(world);
        Assert.Equal(opens ? 1 : 0, alerts.Length);
        if (opens)
        {
            Assert.Equal("high_distress_after_practice", alerts[0].GetProperty("cause").GetString());
            Assert.Equal(distressAfter, alerts[0].GetProperty("value").GetInt32());
            Assert.Equal(completion.GetProperty("id").GetGuid(), alerts[0].GetProperty("sourceId").GetGuid());
        }
    }

    [Fact]
    public async Task A_correction_of_distress_after_to_9_opens_an_alert_too()
    {
        var (world, assignmentId) = await WithPlanAsync();
        var completion = await Practise.CompleteAsync(api, world.App, assignmentId, "2026-03-09T20:00:00Z", distressAfter: 4);

        var corrected = await world.App.PatchJsonAsync($"/api/v1/me/completions/{completion.GetProperty("id")}", new { distressAfter = 9 }, idempotencyKey: Guid.NewGuid().ToString());

        Assert.True((await corrected.ReadAsync<JsonElement>()).TryGetProperty("crisisResources", out _));
        Assert.Equal("high_distress_after_practice", Assert.Single(await OpenAlertsAsync(world)).GetProperty("cause").GetString());
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-08", true)]
    [InlineData("2026-03-08", "2026-03-02", true)]
    [InlineData("2026-03-05", "2026-03-05", true)]
    [InlineData("2026-03-02", "2026-03-09", false)]
    public async Task A_second_too_distressing_skip_within_7_days_opens_an_alert(string first, string second, bool opens)
    {
        var (world, assignmentId) = await WithPlanAsync();

        var firstSkip = await SkipAsync(world, assignmentId, first, "too_distressing");
        var secondSkip = await SkipAsync(world, assignmentId, second, "too_distressing");

        Assert.False(firstSkip.TryGetProperty("crisisResources", out _));
        Assert.Equal(opens, secondSkip.TryGetProperty("crisisResources", out _));
        var alerts = await OpenAlertsAsync(world);
        Assert.Equal(opens ? 1 : 0, alerts.Length);
        if (opens)
        {
            Assert.Equal("repeated_distressing_skips", alerts[0].GetProperty("cause").GetString());
            Assert.Equal(2, alerts[0].GetProperty("value").GetInt32());
            Assert.Equal(secondSkip.GetProperty("id").GetGuid(), alerts[0].GetProperty("sourceId").GetGuid());
        }
    }

    [Fact]
    public async Task Skips_for_other_reasons_do_not_count_towards_the_distressing_skips_rule()
    {
        var (world, assignmentId) = await WithPlanAsync();

        await SkipAsync(world, assignmentId, "2026-03-04", "no_time");
        await SkipAsync(world, assignmentId, "2026-03-05", "not_helpful");
        var distressing = await SkipAsync(world, assignmentId, "2026-03-06", "too_distressing");

        Assert.False(distressing.TryGetProperty("crisisResources", out _));
        Assert.Empty(await OpenAlertsAsync(world));
    }

    [Fact]
    public async Task An_EHR_entering_a_PHQ9_through_FHIR_opens_the_alert_too()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var fhir = Fhir.FhirTestKit.Integration(api, world.Practice);

        await fhir.CreateAsync(Fhir.FhirTestKit.MeasureAnswers(world.ClientId, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 2]));

        var alert = Assert.Single(await OpenAlertsAsync(world));
        Assert.Equal("phq9_item9", alert.GetProperty("cause").GetString());
        Assert.Equal(2, alert.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Each_alert_is_an_event_with_ids_and_its_cause_only()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        var alert = Assert.Single(await OpenAlertsAsync(world));

        await world.Therapist.PostJsonAsync($"/api/v1/alerts/{alert.GetProperty("id")}/acknowledge", new { note = "Private-Staff-Note-Heron-2231" });
        await world.Therapist.PostJsonAsync($"/api/v1/alerts/{alert.GetProperty("id")}/resolve", new { note = "Private-Staff-Note-Heron-2232" });

        foreach (var type in new[] { "measure.completed", "alert.opened", "alert.acknowledged", "alert.resolved" })
        {
            Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM outbox_messages WHERE client_id = @c AND type = @t", ("c", world.ClientId), ("t", type)));
        }

        Assert.Equal(1, await Database.CountAsync(
            api.ConnectionString,
            "SELECT count(*) FROM outbox_messages WHERE client_id = @c AND type = 'alert.opened' AND payload::jsonb -> 'data' ->> 'alertId' = @a AND payload::jsonb -> 'data' ->> 'cause' = 'phq9_item9'",
            ("c", world.ClientId), ("a", alert.GetProperty("id").GetGuid().ToString())));
        Assert.Equal(0, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM outbox_messages WHERE client_id = @c AND (payload LIKE '%Heron%' OR payload LIKE '%answers%')", ("c", world.ClientId)));
    }

    private async Task<(MeasureWorld World, Guid AssignmentId)> WithPlanAsync()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var plan = await world.Practice.AssignPlanAsync(world.ClientId, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        return (world, plan.Assignments[0].Id);
    }

    private static async Task<JsonElement> SkipAsync(MeasureWorld world, Guid assignmentId, string date, string reason)
    {
        var response = await world.App.PostJsonAsync($"/api/v1/assignments/{assignmentId}/skips", new { date, reason }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    internal static async Task<JsonElement[]> OpenAlertsAsync(MeasureWorld world) =>
        (await (await world.Practice.Admin.GetAsync($"/api/v1/alerts?status=open&clientId={world.ClientId}")).ReadAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().ToArray();
}
