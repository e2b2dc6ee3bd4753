using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// Adherence reads make a fixed number of round trips to the database, whatever the number of clients or
/// completions (counted by the test host's <see cref="DbCommandCounter"/>).
/// </summary>
public sealed class QueryCountTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    /// <summary>
    /// Clients with their open safety alerts counted and their active plans (assignments, pauses); then one batch: audit
    /// entries and the plans' stored triages (ADR 0074). Every stored triage held: nothing more.
    /// </summary>
    private const int CaseloadCommands = 2;

    /// <summary>
    /// A caseload whose plans have no stored triage that holds: as <see cref="CaseloadCommands"/>, then one batch of
    /// those plans' skips and completions, then one statement that stores their triages.
    /// </summary>
    private const int CaseloadCommandsComputing = 4;

    /// <summary>Plan with assignments, pauses and client; then one batch: audit entry, completions, skips.</summary>
    private const int PlanSummaryCommands = 2;

    /// <summary>
    /// The client; their plans; then one batch: audit entry, skips, completions, practice outside plans; then the open
    /// safety alerts with the outcome measures' responses.
    /// </summary>
    private const int SessionPrepCommands = 4;

    [Fact]
    public async Task Caseload_of_twelve_clients_issues_as_many_commands_as_a_caseload_of_three()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (small, smallClient) = await practice.AddTherapistAsync();
        var (large, largeClient) = await practice.AddTherapistAsync();
        for (var index = 0; index < 3; index++)
        {
            await ClientWithPracticeAsync(practice, small.Id, index);
        }

        for (var index = 0; index < 12; index++)
        {
            await ClientWithPracticeAsync(practice, large.Id, index);
        }

        var smallCount = await CountCommandsAsync(smallClient, "/api/v1/caseload", expectedRows: 3, atMost: CaseloadCommandsComputing);
        var largeCount = await CountCommandsAsync(largeClient, "/api/v1/caseload", expectedRows: 12, atMost: CaseloadCommandsComputing);
        var smallAgain = await CountCommandsAsync(smallClient, "/api/v1/caseload", expectedRows: 3);
        var largeAgain = await CountCommandsAsync(largeClient, "/api/v1/caseload", expectedRows: 12);

        Assert.Equal(smallCount, largeCount);
        Assert.Equal(CaseloadCommandsComputing, largeCount);
        Assert.Equal(smallAgain, largeAgain);
        Assert.Equal(CaseloadCommands, largeAgain);
    }

    [Fact]
    public async Task Caseload_computes_again_only_the_plan_whose_client_wrote_since()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        for (var index = 0; index < 4; index++)
        {
            await ClientWithPracticeAsync(practice, therapist.Id, index);
        }

        var (writer, app) = await practice.AddClientAsync(therapist.Id, name: "Writer");
        var plan = await practice.AssignPlanAsync(writer.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await CountCommandsAsync(therapistClient, "/api/v1/caseload", expectedRows: 5, atMost: CaseloadCommandsComputing);
        var before = await StoredAsOfAsync();
        await Practise.CompleteAsync(api, app, Practise.Assignment(plan, "self-compassion-break"), "2026-03-09T15:00:00Z");

        Assert.Equal(CaseloadCommandsComputing, await CountCommandsAsync(therapistClient, "/api/v1/caseload", expectedRows: 5, atMost: CaseloadCommandsComputing));
        var after = await StoredAsOfAsync();

        Assert.Equal(5, before.Count);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal([plan.Id], after.Where(row => row.Value != before[row.Key]).Select(row => row.Key));

        async Task<Dictionary<Guid, (long Stamp, DateTime AsOf)>> StoredAsOfAsync()
        {
            await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT t.plan_id, t.data_stamp, t.as_of FROM plan_triages t JOIN plans p ON p.id = t.plan_id WHERE p.therapist_id = $1", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = therapist.Id });
            var stored = new Dictionary<Guid, (long, DateTime)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetGuid(0), (reader.GetInt64(1), reader.GetDateTime(2)));
            }

            return stored;
        }
    }

    [Fact]
    public async Task Plan_summary_issues_a_fixed_small_number_of_commands()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var quiet = await CaseloadTests.ClientWithPlanAsync(api, practice, therapist.Id, "Quiet", []);
        var busy = await CaseloadTests.ClientWithPlanAsync(api, practice, therapist.Id, "Busy", [2, 3, 4, 5, 6, 7, 8, 9]);

        var quietCount = await CountCommandsAsync(therapistClient, $"/api/v1/plans/{quiet}/adherence?from=2026-03-05");
        var busyCount = await CountCommandsAsync(therapistClient, $"/api/v1/plans/{busy}/adherence");

        Assert.Equal(PlanSummaryCommands, quietCount);
        Assert.Equal(PlanSummaryCommands, busyCount);
    }

    [Fact]
    public async Task Session_prep_reads_the_clients_practice_outside_plans_without_another_round_trip()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (plain, _) = await practice.AddClientAsync(therapist.Id);
        var (reaching, app) = await practice.AddClientAsync(therapist.Id);
        await practice.AssignPlanAsync(plain.Id, "2026-03-02", "2026-03-15");
        await practice.AssignPlanAsync(reaching.Id, "2026-03-02", "2026-03-15");
        await Practise.LogAsync(api, app, "soothing-touch", "2026-03-08T03:00:00Z", distressBefore: 9, distressAfter: 6);

        var plainCount = await CountCommandsAsync(therapistClient, $"/api/v1/clients/{plain.Id}/session-prep", atMost: SessionPrepCommands);
        var reachingCount = await CountCommandsAsync(therapistClient, $"/api/v1/clients/{reaching.Id}/session-prep", atMost: SessionPrepCommands);

        Assert.Equal(plainCount, reachingCount);
        Assert.Equal(SessionPrepCommands, reachingCount);
    }

    private async Task<int> CountCommandsAsync(HttpClient caller, string url, int? expectedRows = null, int atMost = 3)
    {
        api.Commands.Reset();
        var response = await caller.GetAsync(url);
        var count = api.Commands.Count;
        var commands = string.Join("\n---\n", api.Commands.Commands);
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        if (expectedRows is { } rows)
        {
            Assert.Equal(rows, body.GetArrayLength());
        }

        Assert.True(count > 0, "No command was counted: is the interceptor registered?");
        Assert.True(count <= atMost, $"{count} round trips:\n{commands}");
        return count;
    }

    private async Task ClientWithPracticeAsync(TestPractice practice, Guid therapistId, int index)
    {
        var (client, app) = await practice.AddClientAsync(therapistId, index % 2 == 0 ? "America/New_York" : "Asia/Kolkata", $"Client {index:00}");
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.Weekly(2));
        var daily = Practise.Assignment(plan, "self-compassion-break");
        await Practise.CompleteAsync(api, app, daily, "2026-03-06T15:00:00Z");
        await Practise.CompleteAsync(api, app, daily, "2026-03-08T15:00:00Z");
        await Practise.SkipAsync(app, daily, "2026-03-07", "forgot");
        if (index % 3 == 0)
        {
            // A PHQ-9 whose item 9 is above 0: an open safety alert, counted in the same query as the plans.
            var answered = await app.PostJsonAsync("/api/v1/me/measures/phq-9/responses", new { answers = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, answeredAt = "2026-03-09T20:00:00Z" }, idempotencyKey: Guid.NewGuid().ToString());
            Assert.Equal(System.Net.HttpStatusCode.Created, answered.StatusCode);
        }
    }
}
