using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Web;

/// <summary>
/// The pages read through the REST endpoints' own queries, so a therapist sees on them exactly what the API lets them
/// see (Access), every read is audited as the API audits it, and bad addresses are answered like bad requests, never 500.
/// </summary>
public sealed partial class PageAccessTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_therapist_sees_the_caseload_the_API_gives_them_in_the_same_order()
    {
        var world = await SeedAsync();

        var html = await PageAsync(world.Pages, "/app", HttpStatusCode.OK);
        var json = await (await world.TherapistApi.GetAsync("/api/v1/caseload")).ReadJsonAsync();

        var onPage = ClientRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(json.EnumerateArray().Select(r => r.GetProperty("clientId").GetGuid()), onPage);
        Assert.Equal([world.Struggling, world.Steady], onPage);
        Assert.DoesNotContain(world.Colleagues.ToString(), html, StringComparison.Ordinal);
        PageSignInTests.AssertStrictPolicy(await world.Pages.GetAsync("/app"));
    }

    [Fact]
    public async Task Another_therapists_client_is_a_404_page_and_the_attempt_is_audited_as_denied()
    {
        var world = await SeedAsync();
        var denied = await DeniedCountAsync(world.TherapistId);

        var html = await PageAsync(world.Pages, $"/app/clients/{world.Colleagues}", HttpStatusCode.NotFound);

        Assert.Contains("There is no such client on your caseload.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Colleague", html, StringComparison.Ordinal);
        Assert.Equal(denied + 1, await DeniedCountAsync(world.TherapistId));
        await PageAsync(world.Pages, $"/app/clients/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sheet_reads_what_the_REST_session_prep_and_timeline_read_and_audits_both()
    {
        var world = await SeedAsync();
        var before = await ReadsAsync(world.TherapistId, world.Struggling);

        var html = await PageAsync(world.Pages, $"/app/clients/{world.Struggling}", HttpStatusCode.OK);

        var after = await ReadsAsync(world.TherapistId, world.Struggling);
        Assert.Equal(before["adherence.session_prep"] + 1, after["adherence.session_prep"]);
        Assert.Equal(before["timeline.read"] + 1, after["timeline.read"]);
        Assert.Contains("Struggling Client", html, StringComparison.Ordinal);
        Assert.Contains("data-definitions-version>2026-12<", html, StringComparison.Ordinal);

        // The overall figures on the page are those of GET /session-prep over the same days (the clock stands still).
        var prep = await (await world.TherapistApi.GetAsync($"/api/v1/clients/{world.Struggling}/session-prep?asOf=2026-03-10T12:00:00Z&since=2026-03-03T12:00:00Z")).ReadJsonAsync();
        var overall = prep.GetProperty("overall");
        Assert.Contains($"<span data-overall=\"credited\">{overall.GetProperty("credited").GetInt32()}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span data-overall=\"expected\">{overall.GetProperty("expected").GetInt32()}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"data-value=\"{overall.GetProperty("adherenceRate").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_who_signs_in_to_the_pages_is_refused()
    {
        var world = await SeedAsync();
        var client = await api.PagesAs(Roles.Client, world.Steady.ToString(), world.Practice.Id);

        var caseload = await PageAsync(client, "/app", HttpStatusCode.Forbidden);
        var sheet = await PageAsync(client, $"/app/clients/{world.Steady}", HttpStatusCode.Forbidden);

        Assert.Contains("These pages are for therapists and practice admins.", caseload, StringComparison.Ordinal);
        Assert.DoesNotContain("Steady Client", sheet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?days=0")]
    [InlineData("?days=366")]
    [InlineData("?days=-1")]
    [InlineData("?days=seven")]
    [InlineData("?days=%00")]
    [InlineData("?days=99999999999999999999")]
    public async Task A_bad_period_is_a_400_page(string query)
    {
        var world = await SeedAsync();

        var html = await PageAsync(world.Pages, $"/app/clients/{world.Steady}{query}", HttpStatusCode.BadRequest);

        Assert.Contains("This address is not valid", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/clients/not-an-id")]
    [InlineData("/app/clients/")]
    [InlineData("/app/nowhere")]
    public async Task An_address_that_names_no_page_is_a_404(string path)
    {
        var world = await SeedAsync();

        using var response = await world.Pages.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<World> SeedAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (struggling, strugglingApp) = await practice.AddClientAsync(therapist.Id, name: "Struggling Client");
        var (steady, steadyApp) = await practice.AddClientAsync(therapist.Id, name: "Steady Client");
        var (colleagues, _) = await practice.AddClientAsync(colleague.Id, name: "Colleague Client");
        foreach (var client in new[] { struggling.Id, steady.Id, colleagues.Id })
        {
            await practice.AssignPlanAsync(client, "2026-03-02", "2026-03-15");
        }

        var steadyPlan = await (await steadyApp.GetAsync("/api/v1/me/plans")).ReadJsonAsync();
        var strugglingPlan = await (await strugglingApp.GetAsync("/api/v1/me/plans")).ReadJsonAsync();
        var steadyDaily = steadyPlan[0].GetProperty("assignments")[0].GetProperty("id").GetGuid();
        var strugglingDaily = strugglingPlan[0].GetProperty("assignments")[0].GetProperty("id").GetGuid();
        for (var day = 2; day <= 9; day++)
        {
            await Practise.CompleteAsync(api, steadyApp, steadyDaily, $"2026-03-{day:00}T20:00:00Z", distressBefore: 6, distressAfter: 3);
        }

        await Practise.CompleteAsync(api, strugglingApp, strugglingDaily, "2026-03-03T20:00:00Z", distressBefore: 7, distressAfter: 9);
        await Practise.SkipAsync(strugglingApp, strugglingDaily, "2026-03-05", "too_distressing");
        var pages = await api.PagesAs(Roles.Therapist, therapist.Id.ToString(), practice.Id, "Dr Test");
        return new World(practice, therapist.Id, therapistApi, pages, struggling.Id, steady.Id, colleagues.Id);
    }

    private static async Task<string> PageAsync(HttpClient pages, string path, HttpStatusCode status)
    {
        using var response = await pages.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: expected {(int)status}, got {(int)response.StatusCode}\n{html[..Math.Min(html.Length, 500)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return html;
    }

    private Task<long> DeniedCountAsync(Guid therapistId) =>
        Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE subject_id = @subject AND outcome = 'denied'", ("subject", therapistId.ToString()));

    private async Task<Dictionary<string, long>> ReadsAsync(Guid therapistId, Guid clientId)
    {
        var reads = new Dictionary<string, long>();
        foreach (var action in new[] { "adherence.session_prep", "timeline.read" })
        {
            reads[action] = await Database.CountAsync(
                api.ConnectionString,
                "SELECT count(*) FROM audit_events WHERE subject_id = @subject AND client_id = @client AND action = @action AND role = 'therapist'",
                ("subject", therapistId.ToString()),
                ("client", clientId),
                ("action", action));
        }

        return reads;
    }

    [GeneratedRegex("<tr data-client-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex ClientRow();

    private sealed record World(TestPractice Practice, Guid TherapistId, HttpClient TherapistApi, HttpClient Pages, Guid Struggling, Guid Steady, Guid Colleagues);
}
