using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Measures;

namespace Clinic.Api.Tests.Alerts;

/// <summary>
/// Open safety alerts put a client at the top of the caseload and of session prep, before any adherence flag, and a
/// client in crisis without an active plan still has a caseload row.
/// </summary>
public sealed class AlertTriageTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_client_with_an_open_alert_comes_first_in_the_caseload_before_clients_with_more_flags()
    {
        var world = await MeasureWorld.CreateAsync(api, name: "Zoe with an alert");
        var plan = await world.Practice.AssignPlanAsync(world.ClientId, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        for (var day = 2; day <= 9; day++)
        {
            await Practise.CompleteAsync(api, world.App, plan.Assignments[0].Id, $"2026-03-{day:00}T20:00:00Z");
        }

        var (flagged, _) = await world.AnotherClientAsync("Aaron not started");
        await world.Practice.AssignPlanAsync(flagged, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);

        var rows = await CaseloadAsync(world);

        Assert.Equal([world.ClientId, flagged], rows.Select(r => r.GetProperty("clientId").GetGuid()));
        Assert.Equal(1, rows[0].GetProperty("openAlerts").GetInt32());
        Assert.Equal(1, rows[0].GetProperty("unacknowledgedAlerts").GetInt32());
        Assert.Equal(0, rows[1].GetProperty("openAlerts").GetInt32());
        Assert.Empty(rows[0].GetProperty("flags").EnumerateArray());
        Assert.Contains("not_started", rows[1].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task An_acknowledged_alert_keeps_the_client_above_others_but_below_alerts_waiting_for_acknowledgement()
    {
        var world = await MeasureWorld.CreateAsync(api, name: "Acknowledged");
        var (waiting, waitingApp) = await world.AnotherClientAsync("Waiting");
        var (calm, _) = await world.AnotherClientAsync("Calm");
        foreach (var client in new[] { world.ClientId, waiting, calm })
        {
            await world.Practice.AssignPlanAsync(client, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        }

        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], app: waitingApp);
        var alert = Assert.Single(await SafetyAlertRuleTests.OpenAlertsAsync(world));
        await world.Therapist.PostJsonAsync($"/api/v1/alerts/{alert.GetProperty("id")}/acknowledge", new { });

        var rows = await CaseloadAsync(world);

        Assert.Equal([waiting, world.ClientId, calm], rows.Select(r => r.GetProperty("clientId").GetGuid()));
    }

    [Fact]
    public async Task A_client_with_an_open_alert_and_no_active_plan_still_has_a_row()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 3]);

        var row = Assert.Single(await CaseloadAsync(world));

        Assert.Equal(world.ClientId, row.GetProperty("clientId").GetGuid());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("planId").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("adherenceRate").ValueKind);
        Assert.Empty(row.GetProperty("flags").EnumerateArray());
    }

    [Fact]
    public async Task A_resolved_alert_no_longer_lifts_the_client()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        var alert = Assert.Single(await SafetyAlertRuleTests.OpenAlertsAsync(world));

        await world.Therapist.PostJsonAsync($"/api/v1/alerts/{alert.GetProperty("id")}/resolve", new { note = "Seen in session; safety plan in place." });

        Assert.Empty(await CaseloadAsync(world));
    }

    [Fact]
    public async Task Session_prep_lists_open_alerts_first_waiting_ones_before_acknowledged_ones()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var plan = await world.Practice.AssignPlanAsync(world.ClientId, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], "2026-03-08T20:00:00Z");
        var phq9 = Assert.Single(await SafetyAlertRuleTests.OpenAlertsAsync(world));
        await world.Therapist.PostJsonAsync($"/api/v1/alerts/{phq9.GetProperty("id")}/acknowledge", new { note = "Called." });
        await Practise.CompleteAsync(api, world.App, plan.Assignments[0].Id, "2026-03-09T20:00:00Z", distressBefore: 9, distressAfter: 10);

        var prep = await (await world.Therapist.GetAsync($"/api/v1/clients/{world.ClientId}/session-prep?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement>();

        Assert.Equal("alerts", prep.EnumerateObject().Skip(1).First().Name);
        Assert.Equal(["high_distress_after_practice", "phq9_item9"], prep.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("cause").GetString()));
        Assert.Equal([false, true], prep.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("acknowledged").GetBoolean()));
    }

    private static async Task<JsonElement[]> CaseloadAsync(MeasureWorld world) =>
        await (await world.Therapist.GetAsync("/api/v1/caseload?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement[]>();
}
