using System.Net;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;

namespace Clinic.Api.Tests.Privacy;

public sealed class VoidCompletionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_voided_completion_stops_counting_in_every_figure_and_is_no_longer_listed()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        await world.CompleteAsync("2026-03-08T20:00:00Z");
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Shared, then a mistake.", share: true, distressBefore: 6, distressAfter: 9);
        var before = await world.SummaryAsync(world.Plan.Therapist);
        Assert.Equal(2, before.GetProperty("credited").GetInt32());
        Assert.Contains("high_distress", PrivacyWorld.Flags(before));

        var response = await world.VoidAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-03-10T12:00:00Z", (await response.ReadJsonAsync()).GetProperty("voidedAt").GetString());
        var after = await world.SummaryAsync(world.Plan.Therapist);
        Assert.Equal(1, after.GetProperty("credited").GetInt32());
        Assert.Equal(1, after.GetProperty("quality").GetProperty("completions").GetInt32());
        Assert.Equal("2026-03-08T20:00:00Z", after.GetProperty("lastCompletedAt").GetString());
        Assert.Empty(PrivacyWorld.SharedReflections(after));
        Assert.DoesNotContain("high_distress", PrivacyWorld.Flags(after));
        Assert.DoesNotContain("reflections_to_review", PrivacyWorld.Flags(after));
        var prep = await world.SessionPrepAsync(world.Plan.Therapist);
        Assert.Equal(1, prep.GetProperty("overall").GetProperty("credited").GetInt32());
        var row = await world.CaseloadRowAsync();
        Assert.Equal(2, row.GetProperty("daysSinceLastCompletion").GetInt32());
        Assert.DoesNotContain("high_distress", PrivacyWorld.Flags(row));
        foreach (var reader in world.Staff.Append(world.App))
        {
            Assert.Single(await world.ListAsync(reader));
        }

        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'completion.void' AND resource_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_summary_as_of_before_the_void_still_counts_the_completion_but_not_its_reflection()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Shared, then voided.", share: true);
        await world.VoidAsync(id);

        var then = await world.SummaryAsync(world.Plan.Therapist, "2026-03-10T06:00:00Z");
        var now = await world.SummaryAsync(world.Plan.Therapist, "2026-03-10T12:00:00Z");

        Assert.Equal(1, then.GetProperty("credited").GetInt32());
        Assert.Empty(PrivacyWorld.SharedReflections(then));
        Assert.Equal(0, now.GetProperty("credited").GetInt32());
    }

    [Fact]
    public async Task Voiding_again_changes_nothing_and_a_voided_completion_cannot_be_corrected()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z");
        await world.VoidAsync(id);

        api.Clock.Reset(Instant.FromUtc(2026, 3, 10, 13, 0));
        try
        {
            var again = await world.VoidAsync(id);
            var correction = await world.ChangeAsync(id, new { distressAfter = 2 });

            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("2026-03-10T12:00:00Z", (await again.ReadJsonAsync()).GetProperty("voidedAt").GetString());
            await correction.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        finally
        {
            api.Clock.Reset(Instant.FromUtc(2026, 3, 10, 12, 0));
        }
    }

    [Fact]
    public async Task A_completion_logged_more_than_seven_days_ago_cannot_be_voided()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-02T20:00:00Z");
        api.Clock.Reset(Instant.FromUtc(2026, 3, 9, 20, 2));
        try
        {
            var response = await world.VoidAsync(id);

            await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(1, (await world.SummaryAsync(world.Plan.Therapist, "2026-03-09T20:02:00Z")).GetProperty("credited").GetInt32());
        }
        finally
        {
            api.Clock.Reset(Instant.FromUtc(2026, 3, 10, 12, 0));
        }
    }

    [Fact]
    public async Task Nobody_but_the_author_voids_a_completion()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z");
        var (_, otherApp) = await world.Plan.Practice.AddClientAsync(world.Plan.Plan.TherapistId);

        await (await world.VoidAsync(id, caller: otherApp)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.VoidAsync(id, caller: world.Plan.Practice.Admin)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await world.VoidAsync(Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await world.SummaryAsync(world.Plan.Therapist)).GetProperty("credited").GetInt32());
    }
}
