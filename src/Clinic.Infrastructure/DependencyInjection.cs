using Clinic.Infrastructure.Adherence;
using Clinic.Infrastructure.ClientAssertions;
using Clinic.Infrastructure.Maintenance;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Support;
using Clinic.Infrastructure.RateLimits;
using Clinic.Infrastructure.Telemetry;
using Clinic.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Clinic.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Clinic";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No database is configured: set ConnectionStrings:{ConnectionStringName} (environment ConnectionStrings__{ConnectionStringName}).");
        }

        // A failed statement is logged once, at the level of what it means (DatabaseFailureLog), not by EF Core at Error.
        services.AddSingleton<DatabaseFailureLog>();
        services.AddDbContextPool<ClinicDbContext>((provider, options) =>
        {
            Configure(options, connectionString);
            options.AddInterceptors(provider.GetRequiredService<DatabaseFailureLog>()).ConfigureWarnings(DatabaseFailureLog.QuietenProviderErrors);
        });

        // For work outside any unit of work (the webhook dispatcher), on connections of its own.
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(Tune(connectionString));
            builder.UseNodaTime();
            return builder.Build();
        });
        // One key ring in the database for every replica: a cookie or anti-forgery token one protects, another reads (ADR 0063).
        services.AddDataProtection().SetApplicationName("Clinic").PersistKeysToDbContext<ClinicDbContext>().ProtectKeysAtRest(configuration);
        services.AddScoped<AdherenceReader>();
        services.AddScoped<SupportNowReader>();
        services.AddSingleton<RateLimitWindows>();
        services.AddSingleton<ClientAssertionUses>();
        return services;
    }

    /// <summary>
    /// Webhook subscriptions' destinations and the dispatcher that sends the outbox to them (every process runs one;
    /// they share the work). <paramref name="isDevelopment"/> lets any URL through, for trying things out locally.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .PostConfigure(options => options.AllowAnyDestination |= isDevelopment);
        services.AddSingleton<WebhookDestinations>();
        services.AddSingleton<WebhookSignal>();
        services.AddMetrics();
        services.TryAddSingleton<ClinicMetrics>();
        // Receivers' URLs may carry their own tokens: the client logs nothing, the dispatcher logs subscription ids.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = provider.GetRequiredService<WebhookDestinations>().ConnectAsync,
            });
        services.AddKeyedSingleton(WebhookDispatcher.TimeKey, TimeProvider.System);
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    /// <summary>
    /// The retention job, run by whichever process's turn it is (<see cref="JobSchedule"/>), on the system's time.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddKeyedSingleton(RetentionJob.TimeKey, TimeProvider.System);
        services.AddSingleton<JobSchedule>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        return services;
    }

    /// <summary>
    /// How often a unit of work that failed on a transient database error (dropped connection, restart,
    /// failover) is run again, and the longest pause between runs. Kept short: a caller waiting longer is
    /// better served by a 503 with Retry-After.
    /// </summary>
    public const int MaxRetryCount = 3;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The one place the provider, NodaTime, naming and the token stores are configured (app, tools, tests).</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(Tune(connectionString), npgsql => npgsql
                .UseNodaTime()
                .MigrationsHistoryTable("__ef_migrations_history")
                .EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict();

    /// <summary>
    /// The connection settings the application relies on. The application never changes session state (no SET,
    /// temporary tables, LISTEN or session locks), so a pooled connection need not be reset (DISCARD ALL) each time
    /// it is handed out: that reset was one extra statement per query, half of all statements a summary read sent.
    /// </summary>
    public static string Tune(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
