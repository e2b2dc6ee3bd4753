using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

/// <summary>
/// A submission counts against the caller's write budget (shared by all replicas) and looks up its key in the same
/// round trip, then is one unit of work: the assignment with its plan and zone, then one batch with the completion,
/// its audit entry, its event and the stored answer, and the commit; a replay stops after the first round trip.
/// </summary>
public sealed class SubmissionRoundTripTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_submission_takes_three_round_trips_and_writes_the_completion_its_audit_entry_and_its_answer_in_one_batch()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var body = new { completedAt = "2026-03-09T20:00:00Z", distressBefore = 6, distressAfter = 3 };

        api.Commands.Reset();
        var first = await f.App.PostJsonAsync(f.CompletionsUrl, body, idempotencyKey: "round-trips");
        var firstCommands = api.Commands.Commands;
        api.Commands.Reset();
        var replay = await f.App.PostJsonAsync(f.CompletionsUrl, body, idempotencyKey: "round-trips");
        var replayCommands = api.Commands.Commands;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(firstCommands.Count == 3, $"{firstCommands.Count} round trips:\n{string.Join("\n---\n", firstCommands)}");
        Assert.StartsWith("INSERT INTO rate_limit_windows", firstCommands[0], StringComparison.Ordinal);
        Assert.Contains("FROM idempotency_records", firstCommands[0], StringComparison.Ordinal);
        var write = firstCommands[^1];
        Assert.Contains("INSERT INTO completions", write, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO audit_events", write, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO idempotency_records", write, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO outbox_messages", write, StringComparison.Ordinal);
        Assert.Single(replayCommands);
        Assert.Contains("FROM idempotency_records", replayCommands[0], StringComparison.Ordinal);
    }
}
