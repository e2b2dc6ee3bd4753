using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// A backup taken as README's "Backups and restores" says (pg_dump's custom format) and restored into an empty
/// database serves an API exactly as the database it was taken from: the same figures, the same stored caseload
/// triages, the audit trail, and the idempotency records, so an app's retry after a restore is answered from the
/// first answer instead of being counted again.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string AsOf = "2026-03-10T12:00:00Z";

    [Fact]
    public async Task A_restored_dump_answers_as_the_database_it_was_taken_from()
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(2));
        var assignment = plan.Assignments[0].Id;
        var submission = new { completedAt = "2026-03-09T15:00:00Z", helpfulness = 4, distressBefore = 7, distressAfter = 4, reflection = "Softer than I expected", shareWithTherapist = true };
        using var first = await app.PostJsonAsync($"/api/v1/assignments/{assignment}/completions", submission, idempotencyKey: "before-the-backup");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.PostJsonAsync($"/api/v1/assignments/{assignment}/skips", new { date = "2026-03-05", reason = "no_time" }, idempotencyKey: Guid.NewGuid().ToString())).StatusCode);
        var summary = await ReadAsync(therapistApi, $"/api/v1/plans/{plan.Id}/adherence?asOf={AsOf}");
        var caseload = await ReadAsync(therapistApi, $"/api/v1/caseload?asOf={AsOf}");
        var completions = await ReadAsync(app, $"/api/v1/assignments/{assignment}/completions");
        var trail = await AuditIdsAsync(practice.Admin, client.Id);

        await using var restored = ClinicApiFactory.OnDatabase(await TestDatabaseServer.RestoredCopyAsync(api.ConnectionString));
        var restoredTherapist = restored.ClientAs(Roles.Therapist, therapist.Id.ToString(), practice.Id);
        var restoredApp = restored.ClientAs(Roles.Client, client.Id.ToString(), practice.Id);
        var restoredAdmin = restored.ClientAs(Roles.Admin, $"admin-{practice.Id:N}", practice.Id);

        Assert.Equal(1, await StoredTriagesAsync(restored, plan.Id));
        Assert.Equal(summary.GetRawText(), (await ReadAsync(restoredTherapist, $"/api/v1/plans/{plan.Id}/adherence?asOf={AsOf}")).GetRawText());
        Assert.Equal(caseload.GetRawText(), (await ReadAsync(restoredTherapist, $"/api/v1/caseload?asOf={AsOf}")).GetRawText());
        using var retry = await restoredApp.PostJsonAsync($"/api/v1/assignments/{assignment}/completions", submission, idempotencyKey: "before-the-backup");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(completions.GetRawText(), (await ReadAsync(restoredApp, $"/api/v1/assignments/{assignment}/completions")).GetRawText());
        var restoredTrail = await AuditIdsAsync(restoredAdmin, client.Id);
        Assert.NotEmpty(trail);
        Assert.Empty(trail.Except(restoredTrail));
        Assert.True(restoredTrail.Count > trail.Count, "the restored API's reads left no audit entry");
    }

    private static async Task<JsonElement> ReadAsync(HttpClient caller, string url)
    {
        using var response = await caller.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static async Task<List<long>> AuditIdsAsync(HttpClient admin, Guid clientId) =>
        [.. (await ReadAsync(admin, $"/api/v1/audit?clientId={clientId}&limit=100")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

    private static async Task<long> StoredTriagesAsync(ClinicApiFactory api, Guid planId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM plan_triages WHERE plan_id = @plan", connection);
        count.Parameters.AddWithValue("plan", planId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
