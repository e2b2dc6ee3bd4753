using System.Net;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;

namespace Clinic.Api.Tests.Privacy;

public sealed class CorrectCompletionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_correction_moves_the_completion_and_its_ratings_and_every_figure_follows()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        await world.CompleteAsync("2026-03-08T20:00:00Z");
        var id = await world.CompleteAsync("2026-03-08T21:00:00Z", distressBefore: 5, distressAfter: 9);
        var before = await world.SummaryAsync(world.Plan.Therapist);
        Assert.Equal((1, 1), (before.GetProperty("credited").GetInt32(), before.GetProperty("extra").GetInt32()));
        Assert.Contains("high_distress", PrivacyWorld.Flags(before));

        var response = await world.ChangeAsync(id, new { completedAt = "2026-03-09T21:00:00Z", distressAfter = 3, durationMinutes = 12 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corrected = await response.ReadJsonAsync();
        Assert.Equal("2026-03-09", corrected.GetProperty("localDate").GetString());
        Assert.Equal(5, corrected.GetProperty("distressBefore").GetInt32());
        Assert.Equal(3, corrected.GetProperty("distressAfter").GetInt32());
        Assert.Equal(12, corrected.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("2026-03-10T12:00:00Z", corrected.GetProperty("correctedAt").GetString());
        var after = await world.SummaryAsync(world.Plan.Therapist);
        Assert.Equal((2, 0), (after.GetProperty("credited").GetInt32(), after.GetProperty("extra").GetInt32()));
        Assert.Equal(-2.0, after.GetProperty("quality").GetProperty("meanDistressChange").GetDouble());
        Assert.DoesNotContain("high_distress", PrivacyWorld.Flags(after));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'completion.correct' AND resource_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_correction_is_checked_like_a_submission()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z");

        var outside = await world.ChangeAsync(id, new { completedAt = "2026-03-20T20:00:00Z" });
        var future = await world.ChangeAsync(id, new { completedAt = "2026-03-10T13:00:00Z" });
        var malformed = await world.ChangeAsync(id, "{\"completedAt\": \"yesterday\"}");

        await outside.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await future.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "completedAt");
    }

    [Fact]
    public async Task After_seven_days_a_completion_can_no_longer_be_corrected_but_can_still_be_withdrawn()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-02T20:00:00Z", "Written on the first day.", share: true);
        api.Clock.Reset(Instant.FromUtc(2026, 3, 9, 20, 2));
        try
        {
            var correction = await world.ChangeAsync(id, new { distressAfter = 1 });
            var withdrawal = await world.ChangeAsync(id, new { shareWithTherapist = false });

            var problem = await correction.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("correction_period_over", problem.GetProperty("rule").GetString());
            Assert.Equal(HttpStatusCode.OK, withdrawal.StatusCode);
        }
        finally
        {
            api.Clock.Reset(Instant.FromUtc(2026, 3, 10, 12, 0));
        }
    }
}
