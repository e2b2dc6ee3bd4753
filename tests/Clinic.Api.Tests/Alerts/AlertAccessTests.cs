using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Measures;

namespace Clinic.Api.Tests.Alerts;

/// <summary>
/// Who sees and answers safety alerts: a therapist their own caseload's, an admin the practice's, an integration reads
/// but does not answer, a client neither; acknowledging and resolving are audited, a note is required to resolve.
/// </summary>
public sealed class AlertAccessTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_therapist_sees_their_caseloads_alerts_and_not_a_colleagues()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (colleague, colleagueApi) = await world.Practice.AddTherapistAsync();
        var (otherClient, otherApp) = await world.Practice.AddClientAsync(colleague.Id);
        var mine = await AlertOfAsync(world, world.App);
        var theirs = await AlertOfAsync(world, otherApp);

        var seenByMe = await ListAsync(world.Therapist, "?status=open");
        var seenByColleague = await ListAsync(colleagueApi, "?status=open");
        var seenByAdmin = await ListAsync(world.Practice.Admin, "?status=open");
        var seenByIntegration = await ListAsync(world.Practice.Integration, "?status=open");

        Assert.Equal([mine], seenByMe.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal([theirs], seenByColleague.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { mine, theirs }.Order(), seenByAdmin.Select(a => a.GetProperty("id").GetGuid()).Order());
        Assert.Equal(2, seenByIntegration.Length);
        Assert.Equal(otherClient.DisplayName, seenByColleague[0].GetProperty("clientDisplayName").GetString());
        await (await colleagueApi.GetAsync($"/api/v1/alerts/{mine}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await world.Therapist.GetAsync($"/api/v1/alerts/{mine}")).StatusCode);
    }

    [Fact]
    public async Task A_client_neither_lists_nor_reads_alerts_even_their_own()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var alertId = await AlertOfAsync(world, world.App);

        await (await world.App.GetAsync("/api/v1/alerts")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await world.App.GetAsync($"/api/v1/alerts/{alertId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await world.App.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_integration_reads_alerts_but_a_person_acknowledges_and_resolves_them()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var alertId = await AlertOfAsync(world, world.App);

        await (await world.Practice.Integration.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new { note = "Seen." })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await world.Practice.Integration.PostJsonAsync($"/api/v1/alerts/{alertId}/resolve", new { note = "Done." })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await world.Practice.Integration.GetAsync($"/api/v1/alerts/{alertId}")).StatusCode);
    }

    [Fact]
    public async Task Acknowledging_records_who_and_when_and_a_new_trigger_asks_for_acknowledgement_again()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var alertId = await AlertOfAsync(world, world.App);

        var acknowledged = await (await world.Therapist.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new { note = "Calling this afternoon." })).ReadAsync<JsonElement>();
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 2]);
        var retriggered = await (await world.Therapist.GetAsync($"/api/v1/alerts/{alertId}")).ReadAsync<JsonElement>();

        Assert.True(acknowledged.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(world.TherapistId.ToString(), acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", acknowledged.GetProperty("acknowledgedAt").GetString());
        Assert.Equal("Calling this afternoon.", acknowledged.GetProperty("acknowledgeNote").GetString());
        Assert.Equal("open", acknowledged.GetProperty("status").GetString());
        Assert.False(retriggered.GetProperty("acknowledged").GetBoolean());
        Assert.Equal(2, retriggered.GetProperty("triggerCount").GetInt32());
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'alert.acknowledge' AND resource_id = @a AND subject_id = @s", ("a", alertId), ("s", world.TherapistId.ToString())));
    }

    [Fact]
    public async Task Resolving_needs_a_note_closes_the_alert_and_a_later_trigger_opens_a_new_one()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var alertId = await AlertOfAsync(world, world.App);

        var withoutNote = await world.Practice.Admin.PostJsonAsync($"/api/v1/alerts/{alertId}/resolve", new { note = " " });
        var resolved = await (await world.Practice.Admin.PostJsonAsync($"/api/v1/alerts/{alertId}/resolve", new { note = "Safety plan reviewed in session." })).ReadAsync<JsonElement>();
        var again = await world.Practice.Admin.PostJsonAsync($"/api/v1/alerts/{alertId}/resolve", new { note = "Twice." });
        var acknowledgeResolved = await world.Practice.Admin.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new { });
        await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);

        await withoutNote.AssertProblemAsync(HttpStatusCode.BadRequest, "note");
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("Safety plan reviewed in session.", resolved.GetProperty("resolutionNote").GetString());
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        await acknowledgeResolved.AssertProblemAsync(HttpStatusCode.Conflict);
        var open = await ListAsync(world.Practice.Admin, $"?status=open&clientId={world.ClientId}");
        Assert.NotEqual(alertId, Assert.Single(open).GetProperty("id").GetGuid());
        Assert.Equal([alertId], (await ListAsync(world.Practice.Admin, $"?status=resolved&clientId={world.ClientId}")).Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'alert.resolve' AND resource_id = @a", ("a", alertId)));
    }

    [Fact]
    public async Task Lists_come_a_page_at_a_time_newest_first()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var first = await AlertOfAsync(world, world.App);
        var (_, secondApp) = await world.AnotherClientAsync();
        var second = await AlertOfAsync(world, secondApp);

        var page = await (await world.Therapist.GetAsync("/api/v1/alerts?limit=1")).ReadAsync<JsonElement>();
        var next = await (await world.Therapist.GetAsync($"/api/v1/alerts?limit=1&cursor={page.GetProperty("nextCursor").GetString()}")).ReadAsync<JsonElement>();

        Assert.Equal(second, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(first, Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("status=closed", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=abc", "cursor")]
    public async Task Bad_list_parameters_are_a_400_naming_them(string query, string field)
    {
        var world = await MeasureWorld.CreateAsync(api);

        await (await world.Therapist.GetAsync($"/api/v1/alerts?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>Opens an alert for the client of the app (a PHQ-9 with item 9 above 0) and returns its id.</summary>
    private static async Task<Guid> AlertOfAsync(MeasureWorld world, HttpClient app)
    {
        var answered = await world.AnsweredAsync("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1], app: app);
        var page = await (await world.Practice.Admin.GetAsync($"/api/v1/alerts?status=open&clientId={answered.GetProperty("clientId")}")).ReadAsync<JsonElement>();
        return Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient caller, string query) =>
        (await (await caller.GetAsync($"/api/v1/alerts{query}")).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToArray();
}
