using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

public sealed class CompletionIdempotencyTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private static readonly object Body = new { completedAt = "2026-03-09T07:15:00-04:00", durationMinutes = 5, distressBefore = 6, distressAfter = 3 };

    [Fact]
    public async Task Completion_replayed_with_same_key_is_stored_once()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var key = CompletionFixture.NewKey();

        var first = await f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: key);
        var replay = await f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(IdOf(await first.ReadAsync<JsonElement>()), IdOf(await replay.ReadAsync<JsonElement>()));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await CompletionRowsAsync(f));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_problem_and_stores_nothing_more()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var key = CompletionFixture.NewKey();
        Assert.Equal(HttpStatusCode.Created, (await f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: key)).StatusCode);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T07:15:00-04:00", durationMinutes = 50 }, idempotencyKey: key);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(1, await CompletionRowsAsync(f));
    }

    [Fact]
    public async Task Different_keys_store_different_completions()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var first = await f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: CompletionFixture.NewKey());
        var second = await f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: CompletionFixture.NewKey());

        Assert.NotEqual(IdOf(await first.ReadAsync<JsonElement>()), IdOf(await second.ReadAsync<JsonElement>()));
        Assert.Equal(2, await CompletionRowsAsync(f));
    }

    [Fact]
    public async Task Twenty_concurrent_replays_all_get_201_with_one_id_and_store_one_row()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var key = CompletionFixture.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => f.App.PostJsonAsync(f.CompletionsUrl, Body, idempotencyKey: key)));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses.Zip(bodies), pair => Assert.True(pair.First.StatusCode == HttpStatusCode.Created, $"{(int)pair.First.StatusCode}: {pair.Second}"));
        var ids = bodies.Select(b => IdOf(JsonDocument.Parse(b).RootElement)).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, await CompletionRowsAsync(f));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'completion.create' AND resource_id = @id", ("id", ids[0])));
    }

    [Fact]
    public async Task A_replayed_skip_report_is_stored_once()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var key = CompletionFixture.NewKey();
        var body = new { date = "2026-03-04", reason = "no_time" };

        var first = await f.App.PostJsonAsync(f.SkipsUrl, body, idempotencyKey: key);
        var replay = await f.App.PostJsonAsync(f.SkipsUrl, body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(IdOf(await first.ReadAsync<JsonElement>()), IdOf(await replay.ReadAsync<JsonElement>()));
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM skip_reports WHERE assignment_id = @a", ("a", f.AssignmentId)));
    }

    private static Guid IdOf(JsonElement element) => element.GetProperty("id").GetGuid();

    private Task<long> CompletionRowsAsync(CompletionFixture f) =>
        Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM completions WHERE assignment_id = @a", ("a", f.AssignmentId));
}
