using System.Text.RegularExpressions;
using Clinic.Api.Common.Auth;
using Clinic.Api.Startup;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Clinic.Api.Tests.Browser;

/// <summary>
/// The API on a real port of 127.0.0.1 (Kestrel) with the demo practice seeded and the demo sign-in on, as
/// scripts/run.sh starts it, and a headless Chromium driven by Playwright: Debian's <c>chromium</c> at
/// /usr/bin/chromium (or CLINIC_CHROMIUM), never a browser downloaded at test time. Without it every browser test
/// fails, saying how to install it: CI must not pass without having looked at the pages.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "CLINIC_CHROMIUM";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public ClinicApiFactory Api { get; } = new();

    public Uri Address => Api.Address!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser did not start.");

    /// <summary>Where screenshots and printed sheets go: TestResults/browser at the repository's root.</summary>
    public static string Artifacts { get; } = ArtifactsDirectory();

    /// <summary>The API's answers as the demo therapist, to hold the pages to.</summary>
    public HttpClient TherapistApi => Api.ClientAs(Roles.Therapist, DemoData.FirstTherapistId.ToString(), DemoData.PracticeId);

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}: install Debian's package (apt-get install chromium; .ci/run and scripts/test.sh do when run as root) or set {ChromiumVariable}.");
        }

        Api.Settings["Demo:Seed"] = "true";
        Api.Settings["Auth:DemoSignIn:Enabled"] = "true";
        Api.ListenOnLoopback();
        await Api.InitializeAsync();
        Api.StartServer();

        var charts = Path.Combine(Api.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath, "app", "vendor", "plot.umd.min.js");
        if (!File.Exists(charts))
        {
            throw new InvalidOperationException($"The chart library is missing ({charts}): run tools/web-assets/build.sh (scripts/test.sh does).");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArguments });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>A fresh browser profile (no cookies) with a laptop's screen, whose console errors the test can read.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        return (context, page, errors);
    }

    /// <summary>Signs in through the demo sign-in page as the named identity and lands on the caseload.</summary>
    public static async Task SignInAsync(IPage page, string name = "Dr. Maya Okafor")
    {
        await page.GotoAsync("/app");
        Assert.Contains("/connect/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel(name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await WaitForPathAsync(page, "/app");
    }

    /// <summary>
    /// Waits until the page is at <paramref name="path"/> (any query or fragment) and its document has loaded.
    /// Not <c>WaitForURLAsync</c>: it checks the URL and the load state, then subscribes to their events, and an
    /// event delivered between the two is lost, so the wait times out on a page that loaded long before (it failed
    /// CI once). The URL is asserted by polling, and the load state is asked for again until it is found, which a
    /// state that already fired answers at once.
    /// </summary>
    public static async Task WaitForPathAsync(IPage page, string path)
    {
        await Assertions.Expect(page).ToHaveURLAsync(
            new Regex($"^[a-z]+://[^/]+{Regex.Escape(path)}(?:[?#].*)?$"), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private static string ArtifactsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clinic.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "browser");
    }
}
