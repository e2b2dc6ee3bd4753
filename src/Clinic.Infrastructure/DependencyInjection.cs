using Clinic.Infrastructure.Adherence;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

        services.AddDbContextPool<ClinicDbContext>(options => Configure(options, connectionString));
        services.AddScoped<AdherenceReader>();
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
