using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Privacy;

public sealed class ShareReflectionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_private_reflection_is_listed_to_staff_without_its_text_and_to_the_client_with_it()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        await world.CompleteAsync("2026-03-09T20:00:00Z", "Only for me, about my sister.", share: false);

        foreach (var staff in world.Staff)
        {
            var listed = Assert.Single(await world.ListAsync(staff));
            Assert.Equal(JsonValueKind.Null, listed.GetProperty("reflection").ValueKind);
            Assert.DoesNotContain("sister", listed.GetRawText(), StringComparison.Ordinal);
        }

        var own = Assert.Single(await world.ListAsync(world.App));
        Assert.Equal("Only for me, about my sister.", own.GetProperty("reflection").GetString());
    }

    [Fact]
    public async Task Sharing_later_shows_the_reflection_to_staff_in_lists_summaries_session_prep_and_caseload()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Kinder to myself today.", share: false);
        Assert.Empty(PrivacyWorld.SharedReflections(await world.SummaryAsync(world.Plan.Therapist)));
        Assert.DoesNotContain("reflections_to_review", PrivacyWorld.Flags(await world.CaseloadRowAsync()));

        var response = await world.ChangeAsync(id, new { shareWithTherapist = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("shareWithTherapist").GetBoolean());
        foreach (var staff in world.Staff)
        {
            Assert.Equal("Kinder to myself today.", Assert.Single(await world.ListAsync(staff)).GetProperty("reflection").GetString());
            Assert.Equal(["Kinder to myself today."], PrivacyWorld.SharedReflections(await world.SummaryAsync(staff)));
        }

        var prep = await world.SessionPrepAsync(world.Plan.Therapist);
        Assert.Equal(["Kinder to myself today."], PrivacyWorld.SharedReflections(prep.GetProperty("plans")[0]));
        Assert.Contains("reflections_to_review", PrivacyWorld.Flags(await world.CaseloadRowAsync()));
    }

    [Fact]
    public async Task Withdrawing_hides_the_reflection_from_every_staff_view_at_once()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "I told no one else this.", share: true);
        Assert.Equal(["I told no one else this."], PrivacyWorld.SharedReflections(await world.SummaryAsync(world.Plan.Therapist)));
        Assert.Contains("reflections_to_review", PrivacyWorld.Flags(await world.CaseloadRowAsync()));

        var response = await world.ChangeAsync(id, new { shareWithTherapist = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var staff in world.Staff)
        {
            Assert.Equal(JsonValueKind.Null, Assert.Single(await world.ListAsync(staff)).GetProperty("reflection").ValueKind);
            var summary = await world.SummaryAsync(staff);
            Assert.Empty(PrivacyWorld.SharedReflections(summary));
            Assert.DoesNotContain("reflections_to_review", PrivacyWorld.Flags(summary));

            // Also for a summary as of a time when the reflection was still shared: what is withdrawn is withdrawn.
            Assert.Empty(PrivacyWorld.SharedReflections(await world.SummaryAsync(staff, "2026-03-10T00:00:00Z")));
        }

        Assert.Empty(PrivacyWorld.SharedReflections((await world.SessionPrepAsync(world.Plan.Practice.Admin)).GetProperty("plans")[0]));
        Assert.DoesNotContain("reflections_to_review", PrivacyWorld.Flags(await world.CaseloadRowAsync()));
        Assert.Equal("I told no one else this.", Assert.Single(await world.ListAsync(world.App)).GetProperty("reflection").GetString());
    }

    [Fact]
    public async Task Sharing_and_withdrawing_are_audited()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Some words.", share: false);

        await world.ChangeAsync(id, new { shareWithTherapist = true });
        await world.ChangeAsync(id, new { shareWithTherapist = false });

        foreach (var action in new[] { "completion.share", "completion.withdraw" })
        {
            Assert.Equal(1, await Database.CountAsync(
                api.ConnectionString,
                "SELECT count(*) FROM audit_events WHERE action = @action AND resource_id = @id AND client_id = @client AND role = 'client'",
                ("action", action), ("id", id), ("client", world.ClientId)));
        }
    }

    [Fact]
    public async Task A_change_replayed_with_its_key_is_answered_again_and_the_key_with_another_body_is_refused()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Some words.", share: false);

        var first = await world.ChangeAsync(id, new { shareWithTherapist = true }, key: "share-1");
        var replay = await world.ChangeAsync(id, new { shareWithTherapist = true }, key: "share-1");
        var reused = await world.ChangeAsync(id, new { shareWithTherapist = false }, key: "share-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'completion.share' AND resource_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_change_needs_an_idempotency_key_and_something_to_change()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Some words.");

        var withoutKey = await world.App.PatchJsonAsync($"/api/v1/me/completions/{id}", new { shareWithTherapist = true });
        var empty = await world.ChangeAsync(id, new { });
        var badRating = await world.ChangeAsync(id, new { distressAfter = 11 });

        await withoutKey.AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "shareWithTherapist");
        await badRating.AssertProblemAsync(HttpStatusCode.BadRequest, "distressAfter");
    }

    [Fact]
    public async Task Only_the_author_reaches_their_completion_controls()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var id = await world.CompleteAsync("2026-03-09T20:00:00Z", "Some words.");
        var (_, otherApp) = await world.Plan.Practice.AddClientAsync(world.Plan.Plan.TherapistId);

        var byAnotherClient = await otherApp.PatchJsonAsync($"/api/v1/me/completions/{id}", new { shareWithTherapist = true }, idempotencyKey: "x-1");
        var byTherapist = await world.Plan.Therapist.PatchJsonAsync($"/api/v1/me/completions/{id}", new { shareWithTherapist = true }, idempotencyKey: "x-2");
        var readByAdmin = await world.Plan.Practice.Admin.GetAsync($"/api/v1/me/completions/{id}");
        var readByAuthor = await world.App.GetAsync($"/api/v1/me/completions/{id}");

        await byAnotherClient.AssertProblemAsync(HttpStatusCode.NotFound);
        await byTherapist.AssertProblemAsync(HttpStatusCode.Forbidden);
        await readByAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Some words.", (await readByAuthor.ReadJsonAsync()).GetProperty("reflection").GetString());
        Assert.False((await readByAuthor.ReadJsonAsync()).GetProperty("shareWithTherapist").GetBoolean());
    }
}
