using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// A caseload serves a plan's stored triage only while it is what the calculator would compute (ADR 0074): after every
/// kind of change to what a triage is computed from, the caseload's row must still equal the plan's summary, which is
/// always computed from the data.
/// </summary>
public sealed class StoredTriageTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_stored_triage_is_never_served_after_what_it_was_computed_from_changed()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York", "Stored");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-20", TestPractice.Daily(1));
        var assignment = Practise.Assignment(plan, "self-compassion-break");
        var logged = new List<Guid>();
        foreach (var day in new[] { 2, 3, 4, 5, 6 })
        {
            var completion = await Practise.CompleteAsync(api, app, assignment, $"2026-03-{day:00}T15:00:00Z", distressAfter: 4);
            logged.Add(completion.GetProperty("id").GetGuid());
        }

        var figures = new List<string>();
        var before = api.Clock.GetCurrentInstant();
        try
        {
            await AgreesAsync("computed and stored", "2026-03-09T18:00:00Z");
            Assert.True(await StoredAsync(plan.Id), "the first caseload should store the plan's triage");
            await AgreesAsync("served from the store", "2026-03-09T18:00:00Z");

            // Writes to the plan's completions and skip reports move its data stamp.
            await Practise.CompleteAsync(api, app, assignment, "2026-03-07T15:00:00Z", distressAfter: 9);
            await AgreesAsync("a completion logged late", "2026-03-09T18:00:00Z");
            await Practise.SkipAsync(app, assignment, "2026-03-08", "no_time");
            await AgreesAsync("a skip reported", "2026-03-09T18:00:00Z");
            var voided = await app.PostJsonAsync($"/api/v1/me/completions/{logged[^1]}/void", new { }, idempotencyKey: Guid.NewGuid().ToString());
            Assert.True(voided.StatusCode == HttpStatusCode.OK, await voided.Content.ReadAsStringAsync());
            await AgreesAsync("a completion voided", "2026-03-09T18:30:00Z");

            // A completion dated after the instant a triage was stored for counts from its time on, with no write between.
            await Practise.CompleteAsync(api, app, assignment, "2026-03-09T21:00:00Z");
            await AgreesAsync("before a completion's time", "2026-03-09T20:00:00Z");
            await AgreesAsync("after a completion's time, the same day", "2026-03-09T21:30:00Z");

            // A new day in the client's zone, nothing written.
            await AgreesAsync("the next day", "2026-03-10T18:00:00Z");

            // A pause and a resume recorded ahead of the instant read: each counts from its own time on.
            await Practise.TransitionAsync(api, practice, plan.Id, "pause", "2026-03-11T14:00:00Z");
            await Practise.TransitionAsync(api, practice, plan.Id, "resume", "2026-03-13T14:00:00Z");
            await AgreesAsync("before the pause's time", "2026-03-11T13:00:00Z");
            await AgreesAsync("after the pause's time, the same day", "2026-03-11T15:00:00Z");
            await AgreesAsync("before the resume's time", "2026-03-13T13:00:00Z");
            await AgreesAsync("after the resume's time, the same day", "2026-03-13T15:00:00Z");
            await AgreesAsync("resumed, a day later", "2026-03-14T15:00:00Z");

            // The plan's assignments and the client's zone are part of the stored triage's key.
            var etag = (await therapistClient.GetAsync($"/api/v1/plans/{plan.Id}")).Headers.ETag?.Tag;
            var changed = await therapistClient.PatchJsonAsync($"/api/v1/plans/{plan.Id}/assignments/{assignment}", new { startDate = "2026-03-05" }, ifMatch: etag);
            Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
            await AgreesAsync("an assignment's start moved", "2026-03-14T15:00:00Z");
            var moved = await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { timeZone = "Pacific/Kiritimati" });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
            await AgreesAsync("the client moved to another zone", "2026-03-14T15:00:00Z");
        }
        finally
        {
            api.Clock.Reset(before);
        }

        // The steps change the figures, so a stale stored triage could not have agreed with them all by chance.
        Assert.True(figures.Distinct().Count() >= 6, string.Join("\n", figures));

        async Task AgreesAsync(string step, string asOf)
        {
            api.Clock.Reset(Practise.Instant(asOf));
            var row = Assert.Single(await (await therapistClient.GetAsync("/api/v1/caseload")).ReadAsync<JsonElement[]>());
            var summary = await Practise.SummaryAsync(therapistClient, plan.Id, $"?asOf={asOf}");
            var rowFigures = Figures(row);
            Assert.True(Figures(summary) == rowFigures, $"{step}: caseload {rowFigures}, summary {Figures(summary)}");
            figures.Add(rowFigures);
        }
    }

    [Fact]
    public async Task A_caseload_as_of_an_earlier_instant_is_computed_not_served_from_a_later_one()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "Europe/Berlin", "Earlier");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-20", TestPractice.Daily(1));
        foreach (var day in new[] { 2, 3, 4, 8, 9 })
        {
            await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-break"), $"2026-03-{day:00}T10:00:00Z");
        }

        var later = Assert.Single(await (await therapistClient.GetAsync("/api/v1/caseload?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement[]>());
        var earlier = Assert.Single(await (await therapistClient.GetAsync("/api/v1/caseload?asOf=2026-03-06T12:00:00Z")).ReadAsync<JsonElement[]>());
        var laterAgain = Assert.Single(await (await therapistClient.GetAsync("/api/v1/caseload?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement[]>());

        Assert.Equal(Figures(await Practise.SummaryAsync(therapistClient, plan.Id, "?asOf=2026-03-10T12:00:00Z")), Figures(later));
        Assert.Equal(Figures(await Practise.SummaryAsync(therapistClient, plan.Id, "?asOf=2026-03-06T12:00:00Z")), Figures(earlier));
        Assert.NotEqual(Figures(later), Figures(earlier));
        Assert.Equal(Figures(later), Figures(laterAgain));
    }

    [Fact]
    public async Task A_reflection_withdrawn_or_erased_leaves_the_next_caseload_at_once()
    {
        // Privacy: what a client takes back is taken back at once (ADHERENCE.md, "Corrections and voids"), stored
        // triage or not.
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York", "Private");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-20", TestPractice.Daily(1));
        var assignment = Practise.Assignment(plan, "self-compassion-break");
        var first = (await Practise.CompleteAsync(api, app, assignment, "2026-03-03T15:00:00Z", reflection: "Kinder today.", shareWithTherapist: true)).GetProperty("id").GetGuid();
        var second = (await Practise.CompleteAsync(api, app, assignment, "2026-03-04T15:00:00Z", reflection: "Softer too.", shareWithTherapist: true)).GetProperty("id").GetGuid();
        const string url = "/api/v1/caseload?asOf=2026-03-06T12:00:00Z";

        Assert.Contains("reflections_to_review", RowFlags(await CaseloadAsync()));
        Assert.Contains("reflections_to_review", RowFlags(await CaseloadAsync()));
        var withdrawn = await app.PatchJsonAsync($"/api/v1/me/completions/{first}", new { shareWithTherapist = false }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(withdrawn.StatusCode == HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        Assert.Contains("reflections_to_review", RowFlags(await CaseloadAsync()));
        var erased = await app.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/completions/{second}/reflection", null, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(erased.StatusCode == HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());

        Assert.DoesNotContain("reflections_to_review", RowFlags(await CaseloadAsync()));

        async Task<JsonElement> CaseloadAsync() => Assert.Single(await (await therapistClient.GetAsync(url)).ReadAsync<JsonElement[]>());
    }

    [Fact]
    public async Task A_caseload_answers_with_its_figures_when_its_triages_cannot_be_stored()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "Asia/Kolkata", "Unstored");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-20", TestPractice.Daily(1));
        await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-break"), "2026-03-03T05:00:00Z");
        await Database.ExecuteAsync(api.ConnectionString, "ALTER TABLE plan_triages ADD CONSTRAINT ck_test_refuses_rows CHECK (false) NOT VALID");
        try
        {
            var response = await therapistClient.GetAsync("/api/v1/caseload?asOf=2026-03-06T12:00:00Z");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var row = Assert.Single(await response.ReadAsync<JsonElement[]>());
            Assert.Equal(Figures(await Practise.SummaryAsync(therapistClient, plan.Id, "?asOf=2026-03-06T12:00:00Z")), Figures(row));
            Assert.False(await StoredAsync(plan.Id));
        }
        finally
        {
            await Database.ExecuteAsync(api.ConnectionString, "ALTER TABLE plan_triages DROP CONSTRAINT ck_test_refuses_rows");
        }
    }

    private static string[] RowFlags(JsonElement row) => [.. row.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];

    private static string Figures(JsonElement element) =>
        string.Join(
            "; ",
            new[] { "adherenceRate", "pdc", "currentStreak", "daysSinceLastCompletion" }.Select(p => $"{p} {element.GetProperty(p).GetRawText()}")
                .Append("flags " + string.Join(",", element.GetProperty("flags").EnumerateArray().Select(f => f.GetString()))));

    private async Task<bool> StoredAsync(Guid planId) =>
        await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM plan_triages WHERE plan_id = @plan", ("plan", planId)) == 1;
}
