using System.Net;
using Clinic.Api.Tests.Completions;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Auditing;

public sealed class AuditTrailTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Creating_and_reading_a_client_leaves_audit_rows_naming_who_what_and_whom()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        Assert.Equal(HttpStatusCode.OK, (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}")).StatusCode);

        Assert.Equal(1, await CountAsync("client.create", "admin", $"admin-{practice.Id:N}", client.Id, client.Id));
        Assert.Equal(1, await CountAsync("client.read", "therapist", therapist.Id.ToString(), client.Id, client.Id));
    }

    [Fact]
    public async Task Logging_a_completion_and_reading_the_plan_are_audited_against_the_client()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var clientId = f.Plan.Plan.ClientId;
        var completion = await (await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey())).ReadAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.OK, (await f.Plan.Therapist.GetAsync(f.Plan.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Plan.Therapist.GetAsync(f.CompletionsUrl)).StatusCode);

        Assert.Equal(1, await CountAsync("completion.create", "client", clientId.ToString(), completion.GetProperty("id").GetGuid(), clientId));
        Assert.Equal(1, await CountAsync("plan.read", "therapist", null, f.Plan.Plan.Id, clientId));
        Assert.Equal(1, await CountAsync("completion.list", "therapist", null, f.AssignmentId, clientId));
        Assert.Equal(1, await CountAsync("plan.create", "admin", null, f.Plan.Plan.Id, clientId));
    }

    [Fact]
    public async Task A_refused_read_leaves_no_success_row()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync(f.Plan.Url)).StatusCode);

        Assert.Equal(0, await Database.CountAsync(
            api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'plan.read' AND resource_id = @id AND outcome = 'success'",
            ("id", f.Plan.Plan.Id)));
    }

    [Theory]
    [InlineData("UPDATE audit_events SET action = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task The_audit_trail_refuses_to_be_rewritten(string sql)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        await practice.AddClientAsync(therapist.Id);
        var before = await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events");
        Assert.True(before > 0);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(api.ConnectionString, sql));

        Assert.Contains("append-only", failure.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events"));
        Assert.Equal(0, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'rewritten'"));
    }

    private Task<long> CountAsync(string action, string role, string? subjectId, Guid resourceId, Guid clientId) =>
        Database.CountAsync(
            api.ConnectionString,
            """
            SELECT count(*) FROM audit_events
            WHERE action = @action AND role = @role AND (@subject = '' OR subject_id = @subject)
              AND resource_id = @resource AND client_id = @client AND outcome = 'success' AND occurred_at IS NOT NULL
            """,
            ("action", action), ("role", role), ("subject", subjectId ?? ""), ("resource", resourceId), ("client", clientId));
}
