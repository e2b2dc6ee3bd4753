using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// How long a therapist waits for the pages, in a real browser: from asking for the page to the page ready to read
// (the caseload's rows; the session-prep sheet with every chart drawn). Issue 18's bar is two seconds on this
// machine. Run by scripts/bench-pages.sh against an API started with the demo data and the demo sign-in.
//
// Arguments: <address of the API> [runs per page, 10]. Environment: CLINIC_CHROMIUM, the browser (/usr/bin/chromium).
// Prints one line per page (median, 90th percentile and slowest, in milliseconds); exits with 1 when a page does
// not render, never because of a figure.
var address = args.Length > 0 ? new Uri(args[0]) : throw new ArgumentException("usage: Clinic.PageTiming <address> [runs]");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var chromium = Environment.GetEnvironmentVariable("CLINIC_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
const double BarMilliseconds = 2000;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions
{
    BaseURL = address.ToString(),
    ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
});
var page = await context.NewPageAsync();

// Sign in as the demo therapist, as a person would.
await page.GotoAsync("/app");
await page.GetByLabel("Dr. Maya Okafor").CheckAsync();
await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
var firstRow = page.Locator("table.caseload tbody tr").First;
await firstRow.WaitForAsync();
var clientId = await firstRow.GetAttributeAsync("data-client-id")
    ?? throw new InvalidOperationException("The caseload's first row names no client.");

var pages = new (string Name, string Path, string ReadySelector)[]
{
    ("caseload", "/app", "table.caseload tbody tr"),
    ("session-prep sheet, 7 days", $"/app/clients/{clientId}", "html[data-charts-rendered]"),
    ("session-prep sheet, 28 days", $"/app/clients/{clientId}?days=28", "html[data-charts-rendered]"),
};

Console.WriteLine($"pages: the first load, then {runs} more, each until ready to read (ms); bar {BarMilliseconds:0} ms");
foreach (var (name, path, ready) in pages)
{
    var timings = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path);
        await page.Locator(ready).First.WaitForAsync();
        timings.Add(clock.Elapsed.TotalMilliseconds);
    }

    var first = timings[0];
    timings = [.. timings.Skip(1).Order()];
    var median = timings[timings.Count / 2];
    var p90 = timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(timings.Count * 0.9) - 1)];
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: first {first:0}, then median {median:0}, p90 {p90:0}, slowest {timings[^1]:0} ({(median < BarMilliseconds ? "within" : "over")} the bar)"));
}

await context.CloseAsync();
