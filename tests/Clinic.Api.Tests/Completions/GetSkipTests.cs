using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

/// <summary>The Location of a reported skip answers: the client and their staff read it, the note only as the client shares it.</summary>
public sealed class GetSkipTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task The_client_reads_their_skip_at_its_location_as_the_report_answered()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (reported, location) = await ReportAsync(f, new { date = "2026-03-04", reason = "no_time", note = "Long shift." });

        var response = await f.App.GetAsync(location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.ReadJsonAsync();
        Assert.True(JsonElement.DeepEquals(reported, read), $"{reported} <> {read}");
        Assert.Equal("Long shift.", read.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Staff_read_the_skip_without_a_note_the_client_did_not_share()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (_, kept) = await ReportAsync(f, new { date = "2026-03-04", reason = "other", note = "Kept-to-myself-8812" });
        var (_, shared) = await ReportAsync(f, new { date = "2026-03-05", reason = "other", note = "For my therapist.", shareWithTherapist = true });

        foreach (var staff in new[] { f.Plan.Therapist, f.Plan.Practice.Admin, f.Plan.Practice.Integration })
        {
            var keptResponse = await staff.GetAsync(kept);
            var text = await keptResponse.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, keptResponse.StatusCode);
            Assert.DoesNotContain("Kept-to-myself-8812", text, StringComparison.Ordinal);
            var keptSkip = await keptResponse.ReadJsonAsync();
            Assert.Equal(JsonValueKind.Null, keptSkip.GetProperty("note").ValueKind);
            Assert.Equal("other", keptSkip.GetProperty("reason").GetString());

            var sharedSkip = await (await staff.GetAsync(shared)).ReadJsonAsync();
            Assert.Equal("For my therapist.", sharedSkip.GetProperty("note").GetString());
        }
    }

    [Fact]
    public async Task Reading_a_skip_is_audited_for_its_client()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (reported, location) = await ReportAsync(f, new { date = "2026-03-04", reason = "forgot" });
        var skipId = reported.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await f.Plan.Therapist.GetAsync(location)).StatusCode);

        Assert.Equal(1, await Database.CountAsync(
            api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'skip.read' AND resource_type = 'skip' AND resource_id = @s AND client_id = @c AND outcome = 'success'",
            ("s", skipId),
            ("c", f.Plan.Plan.ClientId)));
    }

    [Fact]
    public async Task Another_client_another_therapist_and_another_practice_get_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (_, location) = await ReportAsync(f, new { date = "2026-03-04", reason = "forgot", note = "Mine." });
        var (colleague, colleagueApi) = await f.Plan.Practice.AddTherapistAsync();
        var (_, otherApp) = await f.Plan.Practice.AddClientAsync(colleague.Id);
        var g = await CompletionFixture.CreateAsync(api);

        foreach (var stranger in new[] { otherApp, colleagueApi, g.App, g.Plan.Therapist, g.Plan.Practice.Admin })
        {
            var response = await stranger.GetAsync(location);
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Mine.", problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_skip_read_under_another_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api, TestPractice.Daily(1), TestPractice.Weekly(2));
        var (reported, _) = await ReportAsync(f, new { date = "2026-03-04", reason = "forgot" });
        var otherAssignment = f.Plan.Plan.Assignments[1].Id;

        var response = await f.App.GetAsync($"/api/v1/assignments/{otherAssignment}/skips/{reported.GetProperty("id").GetGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<(JsonElement Skip, string Location)> ReportAsync(CompletionFixture f, object body)
    {
        var response = await f.App.PostJsonAsync(f.SkipsUrl, body, idempotencyKey: CompletionFixture.NewKey());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync(), response.Headers.Location!.OriginalString);
    }
}
