using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clinic.Api.Startup;
using Clinic.Api.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Clinic.Api.Tests.Browser;

/// <summary>
/// The pages in a real browser, as a therapist uses them: sign in as the demo therapist, read the caseload, open a
/// client's sheet. Each chart must draw one mark per datum of the API's answer, each table of numbers must hold the
/// API's own values, axe-core must find no serious or critical accessibility problem, the sheet must print on one A4
/// or Letter page. How long the pages take is measured by scripts/bench-pages.sh, not here. Screenshots and printed
/// sheets are kept in TestResults/browser.
/// </summary>
public sealed partial class SessionPrepPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public async Task The_demo_therapist_signs_in_and_sees_the_caseload_the_API_gives_in_triage_order()
    {
        var (context, page, errors) = await browser.OpenAsync();
        await BrowserFixture.SignInAsync(page);

        var rows = await page.EvaluateAsync<CaseloadRowOnPage[]>(
            """[...document.querySelectorAll("table.caseload tbody tr")].map(tr => ({ clientId: tr.dataset.clientId, alerts: tr.children[1].dataset.alerts, rate: tr.children[2].dataset.value, pdc: tr.children[3].dataset.value, flags: [...tr.querySelectorAll("[data-flag]")].map(f => f.dataset.flag) }))""");
        var json = await (await browser.TherapistApi.GetAsync("/api/v1/caseload")).ReadJsonAsync();

        Assert.Equal(2, rows.Length);
        Assert.Equal(json.EnumerateArray().Select(r => r.GetProperty("clientId").GetString()), rows.Select(r => r.ClientId));
        Assert.Equal(json.EnumerateArray().Select(r => Raw(r.GetProperty("openAlerts"))), rows.Select(r => r.Alerts));
        Assert.Equal(json.EnumerateArray().Select(r => Raw(r.GetProperty("adherenceRate"))), rows.Select(r => r.Rate));
        Assert.Equal(json.EnumerateArray().Select(r => Raw(r.GetProperty("pdc"))), rows.Select(r => r.Pdc));
        Assert.Equal(json.EnumerateArray().Select(r => string.Join(',', r.GetProperty("flags").EnumerateArray().Select(f => f.GetString()))), rows.Select(r => string.Join(',', r.Flags)));

        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "__Host-clinic-session");
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.Equal("/", session.Path);

        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "caseload.png"), FullPage = true });
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(28)]
    public async Task The_sheet_draws_a_mark_per_datum_and_its_tables_hold_the_numbers_of_the_API(int? days)
    {
        var (context, page, errors) = await browser.OpenAsync();
        await BrowserFixture.SignInAsync(page);
        var clientId = await page.Locator("table.caseload tbody tr").First.GetAttributeAsync("data-client-id");
        await page.Locator("table.caseload tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        if (days is not null)
        {
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"{days} days", Exact = true }).ClickAsync();
        }

        await page.WaitForSelectorAsync("html[data-charts-rendered]");
        var (prep, timeline) = await AnswersAsync(clientId!, days ?? 7);
        var timelineDays = timeline.GetProperty("days").EnumerateArray().ToList();
        var completions = timelineDays.SelectMany(d => d.GetProperty("completions").EnumerateArray()).ToList();
        var assignments = prep.GetProperty("plans").EnumerateArray().SelectMany(p => p.GetProperty("assignments").EnumerateArray())
            .Where(a => a.GetProperty("schedule").GetProperty("kind").GetString() != "asNeeded")
            .ToList();
        Assert.NotEmpty(completions);

        // The calendar: a square per local day, a cross per day with a skip.
        Assert.Equal(timelineDays.Count, await page.Locator("#calendar svg .mark-day > rect").CountAsync());
        Assert.Equal(timelineDays.Count(d => d.GetProperty("skips").GetArrayLength() > 0), await page.Locator("#calendar svg .mark-skip > *").CountAsync());
        Assert.Equal(
            timelineDays.Select(d => new[] { Raw(d.GetProperty("expected")), Raw(d.GetProperty("credited")), d.GetProperty("completions").GetArrayLength().ToString(Invariant) }),
            (await TableValuesAsync(page, "#calendar")).Select(r => r[1..4]));

        // Distress: a circle per rating before and after, an arrow per practice whose rating changed.
        bool Has(JsonElement c, string name) => c.GetProperty(name).ValueKind == JsonValueKind.Number;
        Assert.Equal(completions.Count(c => Has(c, "distressBefore")), await page.Locator("#distress svg .mark-before > circle").CountAsync());
        Assert.Equal(completions.Count(c => Has(c, "distressAfter")), await page.Locator("#distress svg .mark-after > circle").CountAsync());
        Assert.Equal(
            completions.Count(c => Has(c, "distressBefore") && Has(c, "distressAfter") && c.GetProperty("distressBefore").GetInt32() != c.GetProperty("distressAfter").GetInt32()),
            await page.Locator("#distress svg .mark-change > path").CountAsync());
        var rated = completions.Where(c => Has(c, "distressBefore") || Has(c, "distressAfter")).ToList();
        Assert.Equal(
            rated.Select(c => new[] { Raw(c.GetProperty("distressBefore")), Raw(c.GetProperty("distressAfter")) }),
            (await TableValuesAsync(page, "#distress")).Select(r => r[2..4]));

        // Practice by exercise: a bar for what was due and one for what was done, per assignment.
        Assert.Equal(assignments.Count, await page.Locator("#exercises svg .mark-expected > rect").CountAsync());
        Assert.Equal(assignments.Count, await page.Locator("#exercises svg .mark-credited > rect").CountAsync());
        Assert.Equal(
            assignments.Select(a => new[] { Raw(a.GetProperty("expected")), Raw(a.GetProperty("credited")), Raw(a.GetProperty("extra")), Raw(a.GetProperty("adherenceRate")) }),
            (await TableValuesAsync(page, "#exercises")).Select(r => r[2..6]));

        // What helped: a bar per exercise with rated uses, its table the session prep's relief to the last digit.
        var relief = prep.GetProperty("relief").EnumerateArray().ToList();
        Assert.NotEmpty(relief);
        Assert.Equal(relief.Count(r => r.GetProperty("meanDistressChange").ValueKind == JsonValueKind.Number), await page.Locator("#relief svg .mark-relief > rect").CountAsync());
        Assert.Equal(relief.Count, await page.Locator("#relief svg .mark-uses > text").CountAsync());
        Assert.Equal(
            relief.Select(r => new[] { Raw(r.GetProperty("uses")), Raw(r.GetProperty("ratedUses")), Raw(r.GetProperty("meanDistressBefore")), Raw(r.GetProperty("meanDistressChange")), Raw(r.GetProperty("shareWithDropOf2")) }),
            (await TableValuesAsync(page, "#relief")).Select(r => r[1..6]));
        var moments = prep.GetProperty("moments");
        var inTheMoment = moments.GetProperty("uses").GetInt32() switch
        {
            0 => "No practice was logged in a hard moment.",
            var uses => $"practised {(uses switch { 1 => "once", 2 => "twice", _ => $"{uses} times" })} ({moments.GetProperty("nightUses").GetInt32()} between 22:00 and 06:00)",
        };
        Assert.Contains(inTheMoment, await page.Locator("#relief-caption").TextContentAsync(), StringComparison.Ordinal);

        // Outcome measures: a dot per answer on each measure's own chart, its table the series' scores.
        var measures = (await (await browser.TherapistApi.GetAsync($"/api/v1/clients/{clientId}/measures")).ReadJsonAsync()).GetProperty("measures").EnumerateArray()
            .Where(m => m.GetProperty("series").GetArrayLength() > 0)
            .ToList();
        Assert.NotEmpty(measures);
        Assert.Equal(measures.Count, await page.Locator("#outcomes figure").CountAsync());
        foreach (var measure in measures)
        {
            var figure = $"#measure-{measure.GetProperty("measureKey").GetString()}";
            var series = measure.GetProperty("series").EnumerateArray().ToList();
            Assert.Equal(series.Count, await page.Locator($"{figure} svg .mark-score > circle").CountAsync());
            Assert.True(await page.Locator($"{figure} svg .mark-band > rect").CountAsync() >= 2);
            Assert.Equal(
                series.Select(p => new[] { Raw(p.GetProperty("score")), p.GetProperty("band").GetProperty("label").GetString(), Raw(p.GetProperty("changeFromBaseline")) }),
                (await TableValuesAsync(page, figure)).Select(r => r[1..4]));
        }

        // Open safety alerts come before every flag.
        Assert.Equal(
            prep.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("cause").GetString()),
            await page.EvaluateAsync<string[]>("""[...document.querySelectorAll(".attention [data-alert]")].map(f => f.dataset.alert)"""));

        // The key figures are the summary's, to the last digit; the flags and the definitions version too.
        var summary = Assert.Single(prep.GetProperty("plans").EnumerateArray());
        var figureRows = await TableValuesAsync(page, "#key-figures");
        var figures = figureRows.ToDictionary(r => r[0]!, r => r[1]);
        var quality = summary.GetProperty("quality");
        Assert.Equal(Raw(summary.GetProperty("adherenceRate")), figures["Adherence rate"]);
        Assert.Equal(Raw(summary.GetProperty("expected")), figures["Practice due"]);
        Assert.Equal(Raw(summary.GetProperty("credited")), figures["Practice done"]);
        Assert.Equal(Raw(summary.GetProperty("extra")), figures["Done beyond due"]);
        Assert.Equal(Raw(summary.GetProperty("pdc")), figures["Days practised (PDC)"]);
        Assert.Equal(Raw(summary.GetProperty("currentStreak")), figures["Current streak (days)"]);
        Assert.Equal(Raw(summary.GetProperty("longestStreak")), figures["Longest streak (days)"]);
        Assert.Equal(Raw(summary.GetProperty("daysSinceLastCompletion")), figures["Last practice"]);
        Assert.Equal(Raw(quality.GetProperty("completions")), figures["Completions"]);
        Assert.Equal(Raw(quality.GetProperty("totalMinutes")), figures["Minutes practised"]);
        Assert.Equal(Raw(quality.GetProperty("meanDistressBefore")), figures["Distress before, mean"]);
        Assert.Equal(Raw(quality.GetProperty("meanDistressAfter")), figures["Distress after, mean"]);
        Assert.Equal(Raw(quality.GetProperty("meanDistressChange")), figures["Change in distress, mean"]);
        Assert.Equal(Raw(quality.GetProperty("meanHelpfulness")), figures["Helpfulness, mean"]);
        Assert.Equal(summary.GetProperty("skips").EnumerateObject().Sum(s => s.Value.GetInt32()).ToString(Invariant), figures["Skipped, by reason"]);
        Assert.Equal(Raw(prep.GetProperty("overall").GetProperty("adherenceRate")), await page.Locator(".overall").GetAttributeAsync("data-value"));
        Assert.Equal(
            prep.GetProperty("flags").EnumerateArray().Select(f => f.GetString()),
            await page.EvaluateAsync<string[]>("""[...document.querySelectorAll(".attention [data-flag]")].map(f => f.dataset.flag)"""));
        Assert.Equal(summary.GetProperty("definitionsVersion").GetString(), await page.Locator("[data-definitions-version]").TextContentAsync());
        Assert.Equal(completions.Count(c => c.GetProperty("reflection").ValueKind == JsonValueKind.String), await page.Locator(".reflections blockquote").CountAsync());

        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, $"session-prep-{days ?? 7}-days.png"), FullPage = true });
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(28)]
    public async Task The_sheet_prints_on_one_A4_or_Letter_page(int days)
    {
        var (context, page, _) = await browser.OpenAsync();
        await BrowserFixture.SignInAsync(page);
        var clientId = await page.Locator("table.caseload tbody tr").First.GetAttributeAsync("data-client-id");
        await page.GotoAsync($"/app/clients/{clientId}?days={days}");
        await page.WaitForSelectorAsync("html[data-charts-rendered]");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, $"session-prep-{days}-days-print.png"), FullPage = true });
        foreach (var format in new[] { "A4", "Letter" })
        {
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PrintBackground = true, Path = Path.Combine(BrowserFixture.Artifacts, $"session-prep-{days}-days-{format}.pdf") });
            var pages = PdfPage().Count(System.Text.Encoding.Latin1.GetString(pdf));
            if (pages != 1)
            {
                // What takes the room, to say which part of the sheet outgrew the page.
                var heights = await page.EvaluateAsync<string[]>(
                    """[...document.querySelectorAll(".sheet > *, .sheet-grid > *, .outcomes > *")].map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${Math.round(e.getBoundingClientRect().height)}px`)""");
                Assert.Fail($"The {days}-day sheet printed on {pages} {format} pages. Heights: {string.Join("; ", heights)}");
            }
        }

        // In print the header, the look-back links and the buttons give way to the sheet.
        Assert.False(await page.Locator("header.top").IsVisibleAsync());
        Assert.True(await page.Locator("#calendar svg").IsVisibleAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Another_therapists_client_is_not_found_and_signing_out_ends_the_session()
    {
        var (context, page, errors) = await browser.OpenAsync();
        await BrowserFixture.SignInAsync(page);
        var colleagues = (await (await browser.Api.ClientAs("therapist", DemoData.SecondTherapistId.ToString(), DemoData.PracticeId).GetAsync("/api/v1/caseload")).ReadJsonAsync())[0]
            .GetProperty("clientId").GetString();

        var response = await page.GotoAsync($"/app/clients/{colleagues}");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await page.Locator("h1").TextContentAsync());
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/app");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/app/signed-out");
        Assert.Equal("You have signed out", await page.Locator("h1").TextContentAsync());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "__Host-clinic-session");

        // Both sessions ended: the pages and the token service ask who is signing in again.
        await page.GotoAsync("/app");
        Assert.Contains("/connect/sign-in", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await context.CloseAsync();
    }

    /// <summary>The session prep and the timeline the sheet shows, as the API answers them for the same days.</summary>
    private async Task<(JsonElement Prep, JsonElement Timeline)> AnswersAsync(string clientId, int days)
    {
        var asOf = browser.Api.Clock.GetCurrentInstant();
        var since = asOf - NodaTime.Duration.FromDays(days);
        var prep = await (await browser.TherapistApi.GetAsync($"/api/v1/clients/{clientId}/session-prep?asOf={asOf}&since={since}")).ReadJsonAsync();
        var zone = NodaTime.DateTimeZoneProviders.Tzdb[prep.GetProperty("client").GetProperty("timeZone").GetString()!];
        var today = asOf.InZone(zone).Date.ToString("yyyy-MM-dd", Invariant);
        var timeline = await (await browser.TherapistApi.GetAsync($"/api/v1/clients/{clientId}/timeline?from={prep.GetProperty("since").GetString()}&to={today}")).ReadJsonAsync();
        return (prep, timeline);
    }

    /// <summary>Each row of a figure's table, as the exact values (data-value) its cells carry.</summary>
    private static async Task<string?[][]> TableValuesAsync(IPage page, string figure) =>
        await page.EvaluateAsync<string?[][]>(
            "figure => [...document.querySelectorAll(figure + ' table tbody tr')].map(tr => [...tr.children].map(c => c.hasAttribute('data-value') ? c.dataset.value : c.textContent.trim()))",
            figure);

    /// <summary>A JSON value as the pages write it in data-value: numbers exactly, null as nothing.</summary>
    private static string Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var whole) => whole.ToString(Invariant),
        JsonValueKind.Number => value.GetDouble().ToString("R", Invariant),
        _ => "",
    };

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();

    private sealed class CaseloadRowOnPage
    {
        public string ClientId { get; set; } = "";

        public string? Alerts { get; set; }

        public string? Rate { get; set; }

        public string? Pdc { get; set; }

        public string[] Flags { get; set; } = [];
    }
}
