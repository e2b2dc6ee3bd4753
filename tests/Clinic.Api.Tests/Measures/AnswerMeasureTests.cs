using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Domain.Measures;

namespace Clinic.Api.Tests.Measures;

/// <summary>
/// The client app answers a measure: the server scores the answers by the instrument's definition (reverse items,
/// bands, every boundary), refuses incomplete or out-of-range answers naming the item, and stores each submission once.
/// </summary>
public sealed class AnswerMeasureTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 3.0, "moderate")]
    [InlineData(new[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }, 3.0, "moderate")]
    [InlineData(new[] { 1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1 }, 5.0, "high")]
    [InlineData(new[] { 5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5 }, 1.0, "low")]
    [InlineData(new[] { 2, 4, 3, 2, 4, 3, 3, 2, 2, 4, 1, 2 }, 46 / 12.0, "high")]
    public async Task SCS_SF_counts_items_1_4_8_9_11_and_12_reversed_and_scores_the_mean(int[] answers, double score, string band)
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnsweredAsync("scs-sf", answers);

        Assert.Equal(score, response.GetProperty("score").GetDouble(), 12);
        Assert.Equal(band, response.GetProperty("band").GetProperty("code").GetString());
        Assert.Equal(answers, response.GetProperty("answers").EnumerateArray().Select(a => a.GetInt32()));
        Assert.Equal("client", response.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("phq-9", 0, "minimal")]
    [InlineData("phq-9", 4, "minimal")]
    [InlineData("phq-9", 5, "mild")]
    [InlineData("phq-9", 9, "mild")]
    [InlineData("phq-9", 10, "moderate")]
    [InlineData("phq-9", 14, "moderate")]
    [InlineData("phq-9", 15, "moderately_severe")]
    [InlineData("phq-9", 19, "moderately_severe")]
    [InlineData("phq-9", 20, "severe")]
    [InlineData("phq-9", 27, "severe")]
    [InlineData("gad-7", 0, "minimal")]
    [InlineData("gad-7", 4, "minimal")]
    [InlineData("gad-7", 5, "mild")]
    [InlineData("gad-7", 9, "mild")]
    [InlineData("gad-7", 10, "moderate")]
    [InlineData("gad-7", 14, "moderate")]
    [InlineData("gad-7", 15, "severe")]
    [InlineData("gad-7", 21, "severe")]
    [InlineData("scs-sf", 12, "low")]
    [InlineData("scs-sf", 29, "low")]
    [InlineData("scs-sf", 30, "moderate")]
    [InlineData("scs-sf", 42, "moderate")]
    [InlineData("scs-sf", 43, "high")]
    [InlineData("scs-sf", 60, "high")]
    public async Task Every_band_boundary_is_scored_as_published(string measureKey, int points, string band)
    {
        var world = await MeasureWorld.CreateAsync(api);
        var instrument = Instruments.Find(measureKey)!;

        var response = await world.AnsweredAsync(measureKey, MeasureWorld.WithPoints(instrument, points));

        var expected = instrument.Scoring == ScoreKind.Sum ? points : points / 12.0;
        Assert.Equal(expected, response.GetProperty("score").GetDouble(), 12);
        Assert.Equal(band, response.GetProperty("band").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Missing_items_are_a_400_naming_each_missing_item()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnswerAsync("phq-9", [1, 1, 1, 1, 1, 1, 1]);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "answers[7]", "answers[8]");
        Assert.False(problem.GetProperty("errors").TryGetProperty("answers[6]", out _));
    }

    [Theory]
    [InlineData("phq-9", new[] { 1, 1, 1, 4, 1, 1, 1, 1, 1 }, "answers[3]")]
    [InlineData("phq-9", new[] { -1, 1, 1, 1, 1, 1, 1, 1, 1 }, "answers[0]")]
    [InlineData("scs-sf", new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, "answers[11]")]
    [InlineData("scs-sf", new[] { 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, "answers[0]")]
    [InlineData("gad-7", new[] { 1, 1, 1, 1, 1, 1, 1, 1 }, "answers")]
    public async Task Answers_out_of_range_or_too_many_are_a_400_naming_the_item(string measureKey, int[] answers, string field)
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnswerAsync(measureKey, answers);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_score_sent_by_the_client_is_refused_the_server_computes_it()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.App.PostJsonAsync(
            "/api/v1/me/measures/gad-7/responses", new { answers = new[] { 0, 0, 0, 0, 0, 0, 0 }, answeredAt = "2026-03-10T11:00:00Z", score = 21 }, idempotencyKey: Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "score");
    }

    [Theory]
    [InlineData("2026-03-10T12:06:00Z", "answered_in_future")]
    [InlineData("2025-03-08T12:00:00Z", "answered_too_long_ago")]
    public async Task An_answer_time_in_the_future_or_over_a_year_ago_is_a_422_naming_answeredAt(string answeredAt, string rule)
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnswerAsync("gad-7", [0, 0, 0, 0, 0, 0, 0], answeredAt);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "answeredAt");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task An_unknown_measure_is_not_found()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnswerAsync("bdi-ii", [0, 0, 0]);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answering_needs_an_Idempotency_Key_and_a_replay_is_stored_once()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var key = Guid.NewGuid().ToString();

        var withoutKey = await world.App.SendJsonAsync(HttpMethod.Post, "/api/v1/me/measures/gad-7/responses", new { answers = new[] { 1, 1, 1, 1, 1, 1, 1 }, answeredAt = "2026-03-10T11:00:00Z" });
        var first = await world.AnswerAsync("gad-7", [1, 1, 1, 1, 1, 1, 1], idempotencyKey: key);
        var replay = await world.AnswerAsync("gad-7", [1, 1, 1, 1, 1, 1, 1], idempotencyKey: key);

        await withoutKey.AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetGuid(), (await replay.ReadJsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM measure_responses WHERE client_id = @c", ("c", world.ClientId)));
    }

    [Fact]
    public async Task Staff_cannot_answer_as_the_client_app()
    {
        var world = await MeasureWorld.CreateAsync(api);

        var response = await world.AnswerAsync("gad-7", [0, 0, 0, 0, 0, 0, 0], app: world.Therapist);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_client_reads_their_answers_oldest_first_and_finds_them_in_their_export()
    {
        var world = await MeasureWorld.CreateAsync(api);
        await world.AnsweredAsync("phq-9", [2, 2, 2, 2, 2, 2, 2, 2, 0], "2026-03-09T20:00:00Z");
        await world.AnsweredAsync("phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-03-02T20:00:00Z");
        await world.AnsweredAsync("gad-7", [1, 1, 1, 1, 1, 1, 1], "2026-03-05T20:00:00Z");

        var mine = await (await world.App.GetAsync("/api/v1/me/measures/phq-9/responses")).ReadAsync<JsonElement[]>();
        var export = await (await world.App.GetAsync("/api/v1/me/export")).ReadAsync<JsonElement>();

        Assert.Equal([8.0, 16.0], mine.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal(["2026-03-02", "2026-03-09"], mine.Select(r => r.GetProperty("localDate").GetString()));
        Assert.Equal(["phq-9", "gad-7", "phq-9"], export.GetProperty("measureResponses").EnumerateArray().Select(r => r.GetProperty("measureKey").GetString()));
    }
}
