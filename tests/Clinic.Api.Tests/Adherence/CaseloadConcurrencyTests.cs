using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Adherence;

/// <summary>An API that computes one caseload at a time and lets one more wait.</summary>
public sealed class OneCaseloadAtATimeFactory() : ConfiguredApiFactory(new Dictionary<string, string?>
{
    ["RateLimits:ConcurrentCaseloads"] = "1",
    ["RateLimits:QueuedCaseloads"] = "1",
});

/// <summary>
/// Caseloads are computed a few at a time (their memory is bounded by that number, not by the callers); the
/// others wait their turn, and when too many wait the answer is 503 with Retry-After. A caseload is held in
/// progress by locking the audit table its read must write to.
/// </summary>
public sealed class CaseloadConcurrencyTests(OneCaseloadAtATimeFactory fixture) : IClassFixture<OneCaseloadAtATimeFactory>
{
    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task A_caseload_beyond_the_running_and_the_waiting_one_gets_503_with_retry_after_and_the_waiting_one_is_served()
    {
        var practice = await TestPractice.CreateAsync(Api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        await CaseloadTests.ClientWithPlanAsync(Api, practice, therapist.Id, "Ada", [2, 3, 4]);

        await using var blocker = new NpgsqlConnection(Api.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE audit_events IN EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var running = therapistClient.GetAsync("/api/v1/caseload");
        await WaitUntilBlockedOnAuditAsync(blocker);
        var waiting = therapistClient.GetAsync("/api/v1/caseload");
        await Task.Delay(200);
        var refused = await therapistClient.GetAsync("/api/v1/caseload");
        await transaction.RollbackAsync();

        var responses = new[] { await running, await waiting, refused };
        var served = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var turnedAway = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(served.Count == 2 && turnedAway.Count == 1, string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.NotNull(turnedAway[0].Headers.RetryAfter);
        await turnedAway[0].AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        foreach (var response in served)
        {
            Assert.Equal(1, (await response.ReadJsonAsync()).GetArrayLength());
        }
    }

    /// <summary>Waits until some session of this database waits for a lock on the audit table.</summary>
    private static async Task WaitUntilBlockedOnAuditAsync(NpgsqlConnection connection)
    {
        await using var probe = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'audit_events' AND NOT l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The caseload never reached its audit write.");
    }
}
