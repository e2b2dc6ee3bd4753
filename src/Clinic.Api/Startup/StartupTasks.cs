using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Startup;

/// <summary>
/// Work done once at start-up, before requests: migrations (when configured) and demo data (when asked), under a
/// database-wide lock so that replicas starting together take turns instead of racing.
/// </summary>
public static class StartupTasks
{
    public static IServiceCollection AddClinicStartupTasks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<DemoData>();
        services.AddHostedService<MigrateAndSeed>();
        return services;
    }

    /// <summary>
    /// Runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host calls on every such service before it
    /// starts any hosted service: the data protection key ring, the webhook dispatcher and the retention job all read
    /// tables the migrations create, and on a first start they would otherwise read them before they exist.
    /// </summary>
    private sealed class MigrateAndSeed(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger<MigrateAndSeed> logger)
        : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            var migrate = configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? environment.IsDevelopment();
            var seed = configuration.GetValue<bool>("Demo:Seed");
            if (!migrate && !seed)
            {
                return;
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            await using var turn = await StartupLock.AcquireAsync(scope.ServiceProvider, cancellationToken);
            if (migrate)
            {
                logger.LogInformation("Applying database migrations");
                await db.Database.MigrateAsync(cancellationToken);
            }

            if (seed)
            {
                if (!migrate && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    throw new InvalidOperationException(
                        "Demo:Seed needs the database schema, and its migrations are not applied. Set "
                        + "Database:MigrateOnStartup=true, or apply the migrations first (README, \"Migrations in production\").");
                }

                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedOnceAsync(cancellationToken);
            }
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
