using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Tokens;
using Clinic.Infrastructure.Maintenance;
using Clinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Clinic.Api.Tests.Replicas;

/// <summary>
/// Two API processes on one database, as two replicas behind a load balancer, behave as one service: tokens,
/// idempotent replays, rate limits, background jobs and start-up migrations. (The webhook dispatcher's share of
/// this is in WebhookReplicaTests.)
/// </summary>
public sealed class TwoReplicasTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["RateLimits:WritesPerMinute"] = "8" };

    private ClinicApiFactory first = null!;
    private ClinicApiFactory second = null!;

    public async Task InitializeAsync()
    {
        first = new ClinicApiFactory();
        foreach (var (key, value) in Settings)
        {
            first.Settings[key] = value;
        }

        await first.InitializeAsync();
        second = first.SecondProcess(Settings);
        await second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_token_issued_by_one_replica_is_accepted_and_refreshed_by_the_other()
    {
        var practice = await TestPractice.CreateAsync(first);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var integration = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "EHR" })).ReadJsonAsync();
        var code = (await (await therapistApi.PostJsonAsync($"/api/v1/clients/{client.Id}/invitations", new { })).ReadJsonAsync()).GetProperty("code").GetString()!;

        var ehrToken = await TokenAsync(first, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = integration.GetProperty("clientId").GetString()!,
            ["client_secret"] = integration.GetProperty("clientSecret").GetString()!,
        });
        var appTokens = await TokenAsync(first, new() { ["grant_type"] = "urn:clinic:params:oauth:grant-type:invitation", ["code"] = code, ["client_id"] = "clinic-app", ["scope"] = "offline_access" });
        var refreshed = await TokenAsync(second, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = appTokens.GetProperty("refresh_token").GetString()!, ["client_id"] = "clinic-app" });

        Assert.Equal(HttpStatusCode.OK, (await Bearer(second, ehrToken.GetProperty("access_token").GetString()!).GetAsync($"/api/v1/clients/{client.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(second, refreshed.GetProperty("access_token").GetString()!).GetAsync("/api/v1/me/plans")).StatusCode);
    }

    [Fact]
    public async Task What_one_replica_protects_for_the_pages_the_other_reads_from_the_key_ring_in_the_database()
    {
        // The pages' session cookie, their sign-in state and their anti-forgery tokens are protected this way.
        var protectedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Web.Session").Protect("session of a therapist");

        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clinic.Web.Session").Unprotect(protectedByFirst);

        Assert.Equal("session of a therapist", readBySecond);
        await using var scope = first.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_submission_replayed_to_the_other_replica_gets_the_first_answer_also_while_the_first_is_in_flight()
    {
        var practice = await TestPractice.CreateAsync(first);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var url = $"/api/v1/assignments/{plan.Assignments[0].Id}/completions";
        var onFirst = first.ClientAs("client", client.Id.ToString(), practice.Id);
        var onSecond = second.ClientAs("client", client.Id.ToString(), practice.Id);
        var body = new { completedAt = "2026-03-09T20:00:00Z", distressBefore = 6, distressAfter = 3 };

        // After: a plain replay on the other replica.
        var answered = await onFirst.PostJsonAsync(url, body, idempotencyKey: "replay-after");
        var replayed = await onSecond.PostJsonAsync(url, body, idempotencyKey: "replay-after");
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await answered.ReadJsonAsync()).GetProperty("id").GetGuid(), (await replayed.ReadJsonAsync()).GetProperty("id").GetGuid());

        // During: the completions table is held, so both requests are in flight at once, one on each replica.
        Task<HttpResponseMessage> one, other;
        await using (var holder = new Npgsql.NpgsqlConnection(first.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var hold = new Npgsql.NpgsqlCommand("LOCK TABLE completions IN EXCLUSIVE MODE", holder, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            one = onFirst.PostJsonAsync(url, body with { distressAfter = 2 }, idempotencyKey: "in-flight");
            other = onSecond.PostJsonAsync(url, body with { distressAfter = 2 }, idempotencyKey: "in-flight");
            await Task.Delay(1000);
            Assert.False(one.IsCompleted || other.IsCompleted, "The requests should be waiting on the held table.");
            await transaction.CommitAsync();
        }

        var (a, b) = (await one, await other);
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.Equal((await a.ReadJsonAsync()).GetProperty("id").GetGuid(), (await b.ReadJsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(2, await Database.CountAsync(first.ConnectionString, "SELECT count(*) FROM completions WHERE client_id = @c", ("c", client.Id)));
    }

    [Fact]
    public async Task A_callers_write_budget_is_shared_by_the_replicas()
    {
        var practice = await TestPractice.CreateAsync(first);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var subject = Guid.NewGuid().ToString();
        var callers = new[] { first.ClientAs("admin", subject, practice.Id), second.ClientAs("admin", subject, practice.Id) };

        // Not across a minute boundary: the budget is per minute.
        while (DateTime.UtcNow.Second >= 50)
        {
            await Task.Delay(250);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var response = await callers[i % 2].PatchJsonAsync($"/api/v1/clients/{client.Id}", new { timeZone = "Europe/Paris" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(8, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(8), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task A_client_assertion_used_at_one_replica_is_refused_at_the_other()
    {
        var practice = await TestPractice.CreateAsync(first);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signing = new ECDsaSecurityKey(key) { KeyId = "replicas" };
        var registered = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "EHR", jwks = ClientAssertionKeys.PublicSet(signing) })).ReadJsonAsync();
        var clientId = registered.GetProperty("clientId").GetString()!;
        var grant = ClientAssertionKeys.AssertionGrant(clientId, ClientAssertionKeys.Assertion(clientId, signing, SecurityAlgorithms.EcdsaSha384));

        await TokenAsync(first, grant);
        var replayed = await second.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(grant));

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("invalid_client", (await replayed.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_retention_job_runs_once_per_period_across_replicas_and_keeps_what_is_recent()
    {
        await Database.ExecuteAsync(first.ConnectionString, """
            INSERT INTO idempotency_records (subject_id, key, request_hash, response_body, created_at)
            VALUES ('s', 'old', 'h', '{}', now() - interval '31 days'), ('s', 'recent', 'h', '{}', now() - interval '29 days');
            INSERT INTO client_assertion_uses (client_id, jwt_id, expires_at)
            VALUES ('ehr', 'expired', now() - interval '1 minute'), ('ehr', 'live', now() + interval '4 minutes');
            """);
        var jobs = new[] { first, second }.Select(p => p.Services.GetRequiredService<RetentionJob>()).ToList();

        var rounds = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => jobs[i % 2].RunIfDueAsync(CancellationToken.None)));

        var ran = Assert.Single(rounds, r => r is not null);
        Assert.Equal(1, ran!.IdempotencyRecords);
        Assert.Equal(1, ran.AssertionUses);
        Assert.Equal(1, await Database.CountAsync(first.ConnectionString, "SELECT count(*) FROM client_assertion_uses WHERE jwt_id = 'live'"));
        Assert.Equal(1, await Database.CountAsync(first.ConnectionString, "SELECT runs FROM scheduled_jobs WHERE name = 'retention'"));
        Assert.Equal(1, await Database.CountAsync(first.ConnectionString, "SELECT count(*) FROM idempotency_records WHERE key IN ('old', 'recent')"));
    }

    [Fact]
    public async Task Two_replicas_starting_on_an_empty_database_migrate_it_once_without_racing()
    {
        await using var a = await ClinicApiFactory.OnEmptyDatabaseAsync();
        a.Settings["Database:MigrateOnStartup"] = "true";
        await using var b = a.SecondProcess(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "true" });
        await b.InitializeAsync();

        // Each host starts (and migrates) when its first client is made; start both at once.
        await Task.WhenAll(Task.Run(() => a.CreateClient()), Task.Run(() => b.CreateClient()));

        var migrations = typeof(Clinic.Infrastructure.Persistence.ClinicDbContext).Assembly.GetTypes()
            .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
        Assert.Equal(migrations, await Database.CountAsync(a.ConnectionString, "SELECT count(*) FROM __ef_migrations_history"));
        Assert.Equal(HttpStatusCode.OK, (await a.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> TokenAsync(ClinicApiFactory process, Dictionary<string, string> form)
    {
        var response = await process.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static HttpClient Bearer(ClinicApiFactory process, string token)
    {
        var client = process.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
