using Clinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clinic.Api.Features.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and is fully migrated, and the
/// replica is not stopping (<see cref="Draining"/>).
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddClinicHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var drainDelay = Draining.DelayFrom(configuration);
        services.AddSingleton(provider => new Draining(drainDelay, provider.GetRequiredService<ILogger<Draining>>()));
        services.AddHostedService(provider => provider.GetRequiredService<Draining>());
        services.Configure<HostOptions>(options => options.ShutdownTimeout = drainDelay + Draining.StopTimeout);
        services.AddHealthChecks()
            .AddCheck<Draining>("stopping", tags: [ReadyTag])
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }

    private sealed class DatabaseReadyCheck(ClinicDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy("The database is not reachable.");
                }

                var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
                return pending.Any()
                    ? HealthCheckResult.Unhealthy("The database has migrations that are not applied.")
                    : HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (Infrastructure.Persistence.DatabaseErrors.IsDatabaseFailure(exception))
            {
                return HealthCheckResult.Unhealthy("The database is not reachable.");
            }
        }
    }
}
