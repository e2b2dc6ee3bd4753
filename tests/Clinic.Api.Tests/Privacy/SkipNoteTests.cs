using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Privacy;

public sealed class SkipNoteTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_skip_note_is_the_clients_unless_shared()
    {
        var world = await PrivacyWorld.CreateAsync(api);

        var kept = await world.App.PostJsonAsync($"/api/v1/assignments/{world.AssignmentId}/skips", new { date = "2026-03-04", reason = "other", note = "Mine." }, idempotencyKey: "n-1");
        var shared = await world.App.PostJsonAsync(
            $"/api/v1/assignments/{world.AssignmentId}/skips", new { date = "2026-03-05", reason = "other", note = "For you.", shareWithTherapist = true }, idempotencyKey: "n-2");

        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var keptSkip = await kept.ReadJsonAsync();
        Assert.Equal("Mine.", keptSkip.GetProperty("note").GetString());
        Assert.False(keptSkip.GetProperty("shareWithTherapist").GetBoolean());
        Assert.True((await shared.ReadJsonAsync()).GetProperty("shareWithTherapist").GetBoolean());
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM skip_reports WHERE share_with_therapist AND note = 'For you.'"));
    }
}
