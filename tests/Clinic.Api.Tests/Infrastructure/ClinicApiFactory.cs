using System.Net.Http.Headers;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Json;
using Clinic.Api.Features.Web;
using Clinic.Api.Tests.Infrastructure.Contracts;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory, over a fresh migrated PostgreSQL database of its own, with a clock the tests set.
/// One per test class (IClassFixture), so classes never see each other's data. Every answer its HTTP clients
/// receive is held to the OpenAPI document the API serves (<see cref="ContractCheckingHandler"/>), and every FHIR
/// resource to the FHIR R4 specification (<see cref="FhirCheckingHandler"/>).
/// </summary>
public sealed class ClinicApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly SemaphoreSlim contractGate = new(1, 1);
    private OpenApiContract? contract;

    public const string SigningKey = "Y2xpbmljLXRlc3RzLXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzISE=";

    /// <summary>Tuesday 2026-03-10 12:00 UTC unless a test moves it.</summary>
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 10, 12, 0));

    /// <summary>Every round trip the API makes to its database (see <see cref="DbCommandCounter"/>).</summary>
    public DbCommandCounter Commands { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra configuration for this factory, set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Every log line the API wrote, at every level, with its structured values and exceptions.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The webhook dispatcher's time, when a test needs to move it (the system's otherwise).</summary>
    public TimeProvider? WebhookTime { get; set; }

    /// <summary>The environment the API runs in; "Testing" unless a test class needs another.</summary>
    public string EnvironmentName { get; set; } = "Testing";

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>Set for a second API process on another factory's database, which that factory creates and drops.</summary>
    private bool SharesDatabase { get; init; }

    /// <summary>
    /// Processes on a database this factory creates empty (no migration applied) and drops: start-up migrations
    /// are then the processes' own work.
    /// </summary>
    public static async Task<ClinicApiFactory> OnEmptyDatabaseAsync() => OnDatabase(await TestDatabaseServer.CreateEmptyDatabaseAsync());

    /// <summary>
    /// Processes on a database made outside the factory (empty, or restored from a dump), which the factory drops when
    /// it is disposed.
    /// </summary>
    public static ClinicApiFactory OnDatabase(string connectionString)
    {
        var first = new ClinicApiFactory { ConnectionString = connectionString, OwnsGivenDatabase = true };
        first.Commands = new DbCommandCounter(first.ConnectionString);
        return first;
    }

    private bool OwnsGivenDatabase { get; init; }

    /// <summary>
    /// Another API process on this factory's database, as a second replica behind a load balancer would be, with
    /// its own clock and settings (initialise it like this one; it neither creates nor drops the database).
    /// </summary>
    public ClinicApiFactory SecondProcess(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var second = new ClinicApiFactory { SharesDatabase = true, ConnectionString = ConnectionString, EnvironmentName = EnvironmentName, WebhookTime = WebhookTime };
        foreach (var (key, value) in settings ?? Settings)
        {
            second.Settings[key] = value;
        }

        return second;
    }

    public async Task InitializeAsync()
    {
        if (OwnsGivenDatabase)
        {
            return;
        }

        if (!SharesDatabase)
        {
            ConnectionString = await TestDatabaseServer.CreateDatabaseAsync();
        }

        Commands = new DbCommandCounter(ConnectionString);
    }

    public new async Task DisposeAsync()
    {
        Commands.Dispose();
        contractGate.Dispose();
        await base.DisposeAsync();
        if (!SharesDatabase)
        {
            await TestDatabaseServer.DropDatabaseAsync(ConnectionString);
        }
    }

    /// <summary>
    /// Where the API listens when it runs on a real port (<see cref="ListenOnLoopback"/>), for a browser; null while it
    /// runs in memory.
    /// </summary>
    public Uri? Address { get; private set; }

    /// <summary>
    /// Runs the API in Kestrel on a free port of 127.0.0.1 rather than in memory; call before the first request. Its
    /// own public address (the token service's issuer, where the pages sign in) is that port.
    /// </summary>
    public void ListenOnLoopback()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = new Uri($"http://127.0.0.1:{port}");
        Settings["Auth:TokenIssuer"] = Address + "";
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
    }

    /// <summary>
    /// An HTTP client signed in to the pages (<c>/app</c>) as the given identity, as the OpenID Connect sign-in would
    /// leave it, over HTTPS so that the Secure session cookie is sent. Redirects are not followed.
    /// </summary>
    public async Task<HttpClient> PagesAs(string role, string subjectId, Guid? practiceId, string name = "Test Person")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var query = $"?sub={Uri.EscapeDataString(subjectId)}&role={role}&name={Uri.EscapeDataString(name)}" + (practiceId is { } practice ? $"&practice={practice}" : "");
        using var response = await client.PostAsync(new Uri(PageSessionFilter.Path + query, UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>An HTTP client carrying a locally signed token for the given identity.</summary>
    public HttpClient ClientAs(string role, string subjectId, Guid? practiceId)
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<TokenIssuer>().Issue(subjectId, role, practiceId).AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => CreateClient();

    /// <summary>An HTTP client whose every answer is checked against the served OpenAPI document.</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        handlers.Add(new ContractCheckingHandler(ContractAsync));
        handlers.Add(new FhirCheckingHandler());
        if (Address is not null)
        {
            // Kestrel: over the loopback network, through the same checks.
            HttpMessageHandler inner = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
            for (var index = handlers.Count - 1; index >= 0; index--)
            {
                handlers[index].InnerHandler = inner;
                inner = handlers[index];
            }

            return new HttpClient(inner) { BaseAddress = Address };
        }

        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>The OpenAPI document this API serves, read once.</summary>
    public async Task<OpenApiContract> ContractAsync()
    {
        await contractGate.WaitAsync();
        try
        {
            if (contract is null)
            {
                using var raw = Address is null ? Server.CreateClient() : new HttpClient { BaseAddress = Address };
                contract = OpenApiContract.Parse(await raw.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
            }

            return contract;
        }
        finally
        {
            contractGate.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Clinic", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Auth:DevTokens:Enabled", "false");
        builder.UseSetting("Auth:TokenIssuer", "http://localhost/");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Transport:RequireHttps", "false");

        // Webhook tests turn the dispatcher on; elsewhere it would only poll an empty outbox. The retention job would
        // prune the test data, written on the test clock months before the real one; its tests run it themselves.
        builder.UseSetting("Webhooks:DispatcherEnabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            if (WebhookTime is not null)
            {
                services.AddKeyedSingleton(Clinic.Infrastructure.Webhooks.WebhookDispatcher.TimeKey, WebhookTime);
            }

            services.AddSingleton<IStartupFilter, PageSessionFilter>();
            services.AddSingleton<IStartupFilter, PeerAddressFilter>();
            if (Address is null)
            {
                // In memory, the pages' sign-in reaches the token service (its discovery document, keys and token
                // endpoint) through the test server rather than a network.
                services.Configure<OpenIdConnectOptions>(WebSignIn.OpenIdConnectScheme, oidc => oidc.BackchannelHttpHandler = Server.CreateHandler());
            }
        });
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}
