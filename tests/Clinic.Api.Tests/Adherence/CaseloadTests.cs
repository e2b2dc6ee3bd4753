using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

public sealed class CaseloadTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Caseload_puts_most_flags_first_then_no_rate_then_lowest_rate_then_name()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        await ClientWithPlanAsync(practice, therapist.Id, "Ada", [2, 3, 4, 5, 6, 7, 8, 9]);
        await ClientWithPlanAsync(practice, therapist.Id, "Bea", [], startDate: "2026-03-10");
        await ClientWithPlanAsync(practice, therapist.Id, "Cal", [6, 7, 8, 9]);
        await ClientWithPlanAsync(practice, therapist.Id, "Abe", [6, 7, 8, 9]);
        await ClientWithPlanAsync(practice, therapist.Id, "Dan", []);
        await ClientWithPlanAsync(practice, therapist.Id, "Eve", [2, 3, 4]);
        var (withDraft, _) = await practice.AddClientAsync(therapist.Id, name: "Fay");
        var draft = await practice.Admin.PostJsonAsync($"/api/v1/clients/{withDraft.Id}/plans", new
        {
            title = "Not yet",
            startDate = "2026-03-02",
            endDate = "2026-03-15",
            status = "draft",
            assignments = new[] { TestPractice.Daily(1) },
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);

        var rows = await (await therapistClient.GetAsync("/api/v1/caseload?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement[]>();

        Assert.Equal(["Dan", "Eve", "Bea", "Abe", "Cal", "Ada"], rows.Select(r => r.GetProperty("displayName").GetString()));
        Assert.Equal(["not_started", "low_adherence", "inactive"], rows[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0.0, rows[0].GetProperty("adherenceRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("daysSinceLastCompletion").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("adherenceRate").ValueKind);
        Assert.Equal(0.5, rows[3].GetProperty("adherenceRate").GetDouble());
        var ada = rows[5];
        Assert.Equal(1.0, ada.GetProperty("adherenceRate").GetDouble());
        Assert.Equal(1.0, ada.GetProperty("pdc").GetDouble());
        Assert.Equal(8, ada.GetProperty("currentStreak").GetInt32());
        Assert.Equal(1, ada.GetProperty("daysSinceLastCompletion").GetInt32());
        Assert.Equal("2026-03-12T15:00:00Z", ada.GetProperty("nextSessionAt").GetString());
        Assert.NotEqual(Guid.Empty, ada.GetProperty("planId").GetGuid());
        Assert.NotEqual(Guid.Empty, ada.GetProperty("clientId").GetGuid());
    }

    [Fact]
    public async Task Each_row_agrees_with_the_full_summary_of_its_plan()
    {
        // A caseload reads fewer completion columns than a summary; its figures must still be the summary's.
        const string asOf = "2026-03-10T12:00:00Z";
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var shared = await DailyPlanAsync(practice, therapist.Id, "Shared");
        var blank = await DailyPlanAsync(practice, therapist.Id, "Blank");
        var distressed = await DailyPlanAsync(practice, therapist.Id, "Distressed");
        foreach (var day in new[] { 2, 3, 4, 5, 6, 7, 8, 9 })
        {
            await Practise.CompleteAsync(api, shared.App, shared.AssignmentId, $"2026-03-{day:00}T15:00:00Z", distressBefore: 6, distressAfter: 3, durationMinutes: 10);
        }

        await Practise.CompleteAsync(api, shared.App, shared.AssignmentId, "2026-03-09T22:00:00Z", reflection: "Kinder to myself today.", shareWithTherapist: true);
        foreach (var day in new[] { 3, 4, 7, 8 })
        {
            await Practise.CompleteAsync(api, blank.App, blank.AssignmentId, $"2026-03-{day:00}T15:00:00Z");
        }

        await Practise.CompleteAsync(api, blank.App, blank.AssignmentId, "2026-03-08T20:00:00Z", reflection: "   ", shareWithTherapist: true);
        await Practise.CompleteAsync(api, blank.App, blank.AssignmentId, "2026-03-08T21:00:00Z", reflection: "Only for me.", shareWithTherapist: false);
        await Practise.CompleteAsync(api, distressed.App, distressed.AssignmentId, "2026-03-06T15:00:00Z", distressBefore: 5, distressAfter: 9);
        await Practise.SkipAsync(distressed.App, distressed.AssignmentId, "2026-03-07", "no_time");

        var rows = await (await therapistClient.GetAsync($"/api/v1/caseload?asOf={asOf}")).ReadAsync<JsonElement[]>();

        Assert.Equal(3, rows.Length);
        foreach (var row in rows)
        {
            var summary = await (await therapistClient.GetAsync($"/api/v1/plans/{row.GetProperty("planId").GetGuid()}/adherence?asOf={asOf}")).ReadAsync<JsonElement>();
            foreach (var property in new[] { "adherenceRate", "pdc", "currentStreak", "daysSinceLastCompletion" })
            {
                Assert.Equal(summary.GetProperty(property).GetRawText(), row.GetProperty(property).GetRawText());
            }

            Assert.Equal(Flags(summary), Flags(row));
        }

        Assert.Contains("reflections_to_review", Flags(rows.Single(r => r.GetProperty("planId").GetGuid() == shared.PlanId)));
        Assert.DoesNotContain("reflections_to_review", Flags(rows.Single(r => r.GetProperty("planId").GetGuid() == blank.PlanId)));
        Assert.Contains("high_distress", Flags(rows.Single(r => r.GetProperty("planId").GetGuid() == distressed.PlanId)));
    }

    [Fact]
    public async Task A_larger_caseload_agrees_with_every_plans_full_summary_and_audits_every_client_once()
    {
        // Nineteen clients whose completions differ: each row must be its own plan's summary (rows streamed plan after
        // plan must not run into the next plan's slot), and each client's read is audited once.
        const string asOf = "2026-03-10T12:00:00Z";
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        const int count = 19;
        var plans = new List<Guid>();
        for (var index = 0; index < count; index++)
        {
            // Different days for each client, so rows from the wrong plan or in the wrong slot would not agree.
            var days = Enumerable.Range(2, 8).Where(day => (day + index) % (index % 4 + 2) != 0).ToArray();
            plans.Add(await ClientWithPlanAsync(api, practice, therapist.Id, $"Client {index:00}", days));
        }

        var response = await therapistClient.GetAsync($"/api/v1/caseload?asOf={asOf}");
        var rows = await response.ReadAsync<JsonElement[]>();

        Assert.Equal(count, rows.Length);
        Assert.Equal(plans.Order(), rows.Select(r => r.GetProperty("planId").GetGuid()).Order());
        Assert.True(rows.Select(r => r.GetProperty("adherenceRate").GetRawText()).Distinct().Count() > 2, "the clients' figures should differ");
        foreach (var row in rows)
        {
            var summary = await (await therapistClient.GetAsync($"/api/v1/plans/{row.GetProperty("planId").GetGuid()}/adherence?asOf={asOf}")).ReadAsync<JsonElement>();
            foreach (var property in new[] { "adherenceRate", "pdc", "currentStreak", "daysSinceLastCompletion" })
            {
                Assert.Equal(summary.GetProperty(property).GetRawText(), row.GetProperty(property).GetRawText());
            }

            Assert.Equal(Flags(summary), Flags(row));
        }

        var audited = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await practice.Admin.GetAsync($"/api/v1/audit?limit=100{(cursor is null ? "" : $"&cursor={cursor}")}")).ReadAsync<JsonElement>();
            audited.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "adherence.caseload")
                .Select(e => e.GetProperty("clientId").GetGuid()));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind != JsonValueKind.Null ? next.GetRawText() : null;
        }
        while (cursor is not null);

        Assert.Equal(count, audited.Count);
        Assert.Equal(count, audited.Distinct().Count());
    }

    [Fact]
    public async Task Caseload_uses_the_latest_started_active_plan_of_a_client()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await practice.AssignPlanAsync(client.Id, "2026-03-01", "2026-03-20");
        var later = await practice.AssignPlanAsync(client.Id, "2026-03-05", "2026-03-20");

        var row = Assert.Single(await (await therapistClient.GetAsync("/api/v1/caseload")).ReadAsync<JsonElement[]>());

        Assert.Equal(later.Id, row.GetProperty("planId").GetGuid());
    }

    [Fact]
    public async Task Therapist_sees_only_their_own_clients_and_admin_may_filter_by_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (first, firstClient) = await practice.AddTherapistAsync();
        var (second, _) = await practice.AddTherapistAsync();
        await ClientWithPlanAsync(practice, first.Id, "Mine", []);
        await ClientWithPlanAsync(practice, second.Id, "Theirs", []);

        var own = await (await firstClient.GetAsync("/api/v1/caseload")).ReadAsync<JsonElement[]>();
        var ownById = await (await firstClient.GetAsync($"/api/v1/caseload?therapistId={first.Id}")).ReadAsync<JsonElement[]>();
        var practiceWide = await (await practice.Admin.GetAsync("/api/v1/caseload")).ReadAsync<JsonElement[]>();
        var filtered = await (await practice.Admin.GetAsync($"/api/v1/caseload?therapistId={second.Id}")).ReadAsync<JsonElement[]>();

        Assert.Equal(["Mine"], own.Select(r => r.GetProperty("displayName").GetString()));
        Assert.Equal(["Mine"], ownById.Select(r => r.GetProperty("displayName").GetString()));
        Assert.Equal(["Mine", "Theirs"], practiceWide.Select(r => r.GetProperty("displayName").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["Theirs"], filtered.Select(r => r.GetProperty("displayName").GetString()));
    }

    [Fact]
    public async Task Therapist_asking_for_another_therapists_caseload_is_refused()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, firstClient) = await practice.AddTherapistAsync();
        var (second, _) = await practice.AddTherapistAsync();

        var response = await firstClient.GetAsync($"/api/v1/caseload?therapistId={second.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Clients_integrations_and_operators_may_not_read_a_caseload()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        foreach (var caller in new[] { app, practice.Integration, operatorClient })
        {
            await (await caller.GetAsync("/api/v1/caseload")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Bad_asOf_is_a_400_naming_asOf()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync("/api/v1/caseload?asOf=now");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }

    /// <summary>
    /// A New York client with a daily plan (03-02..03-15 unless told) and one completion at 15:00 UTC on each given March
    /// day, with the reflection <paramref name="reflection"/> gives for its day (shared with the therapist), if any.
    /// </summary>
    internal static async Task<Guid> ClientWithPlanAsync(
        ClinicApiFactory api, TestPractice practice, Guid therapistId, string name, int[] days, string startDate = "2026-03-02", Func<int, string>? reflection = null)
    {
        var (client, app) = await practice.AddClientAsync(therapistId, "America/New_York", name);
        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", new
        {
            title = "Kindness towards the inner critic",
            startDate,
            endDate = "2026-03-15",
            nextSessionAt = "2026-03-12T15:00:00Z",
            assignments = new[] { TestPractice.Daily(1) },
        });
        var plan = await response.ReadAsync<Api.Features.Plans.PlanResponse>();
        foreach (var day in days)
        {
            await Practise.CompleteAsync(
                api, app, plan.Assignments.Single().Id, $"2026-03-{day:00}T15:00:00Z", reflection: reflection?.Invoke(day), shareWithTherapist: reflection is null ? null : true);
        }

        return plan.Id;
    }

    private static string[] Flags(JsonElement element) =>
        [.. element.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];

    /// <summary>A New York client with a daily plan from 03-02 to 03-15 and no completions yet.</summary>
    private static async Task<(Guid PlanId, Guid AssignmentId, HttpClient App)> DailyPlanAsync(TestPractice practice, Guid therapistId, string name)
    {
        var (client, app) = await practice.AddClientAsync(therapistId, "America/New_York", name);
        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", new
        {
            title = "Kindness towards the inner critic",
            startDate = "2026-03-02",
            endDate = "2026-03-15",
            assignments = new[] { TestPractice.Daily(1) },
        });
        var plan = await response.ReadAsync<Api.Features.Plans.PlanResponse>();
        return (plan.Id, plan.Assignments.Single().Id, app);
    }

    private Task<Guid> ClientWithPlanAsync(TestPractice practice, Guid therapistId, string name, int[] days, string startDate = "2026-03-02") =>
        ClientWithPlanAsync(api, practice, therapistId, name, days, startDate);
}
