using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Privacy;

public sealed class EraseReflectionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    /// <summary>Each test class instance (one per test) writes its own text, so no test counts another's rows.</summary>
    private readonly string words = "Gooseberry-Erase-Me-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Erasing_deletes_the_text_from_the_database_and_keeps_the_completion_counting()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", words, share: true);
        await world.ChangeAsync(id, new { distressAfter = 2 });
        Assert.True(await RowsHoldingTextAsync() > 0);

        var response = await world.EraseReflectionAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await response.ReadJsonAsync()).GetProperty("reflection").ValueKind);
        Assert.Equal(0, await RowsHoldingTextAsync());
        var summary = await world.SummaryAsync(world.Plan.Therapist);
        Assert.Equal(1, summary.GetProperty("credited").GetInt32());
        Assert.Empty(PrivacyWorld.SharedReflections(summary));
        Assert.Equal(JsonValueKind.Null, Assert.Single(await world.ListAsync(world.App)).GetProperty("reflection").ValueKind);
    }

    [Fact]
    public async Task A_replay_of_the_original_submission_no_longer_returns_the_erased_text()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var body = new { completedAt = "2026-03-09T20:00:00Z", reflection = words };
        var url = $"/api/v1/assignments/{world.AssignmentId}/completions";
        var first = await world.App.PostJsonAsync(url, body, idempotencyKey: "erase-replay");
        var id = (await first.ReadJsonAsync()).GetProperty("id").GetGuid();

        await world.EraseReflectionAsync(id);
        var replay = await world.App.PostJsonAsync(url, body, idempotencyKey: "erase-replay");

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        var replayed = await replay.ReadJsonAsync();
        Assert.Equal(id, replayed.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, replayed.GetProperty("reflection").ValueKind);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM completions WHERE assignment_id = @a", ("a", world.AssignmentId)));
    }

    [Fact]
    public async Task Erasing_is_audited_and_erasing_again_is_harmless()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", words);

        var first = await world.EraseReflectionAsync(id);
        var second = await world.EraseReflectionAsync(id);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, await Database.CountAsync(
            api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'completion.reflection_erase' AND resource_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Staff_cannot_erase_a_clients_words()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", words, share: true);

        var response = await world.Plan.Therapist.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/completions/{id}/reflection", null, idempotencyKey: "t-erase");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(words, Assert.Single(await world.ListAsync(world.Plan.Therapist)).GetProperty("reflection").GetString());
    }

    private Task<long> RowsHoldingTextAsync() => Database.CountAsync(
        api.ConnectionString,
        "SELECT (SELECT count(*) FROM completions c WHERE c::text LIKE @t) + (SELECT count(*) FROM idempotency_records r WHERE r::text LIKE @t)",
        ("t", $"%{words}%"));
}
