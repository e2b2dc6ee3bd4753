using System.Runtime.CompilerServices;
using Clinic.Infrastructure.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Clinic.Api.Startup;

/// <summary>
/// Metrics over OTLP for the operator's collector, configured with the standard OpenTelemetry variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>). Without an endpoint
/// nothing of OpenTelemetry is loaded. Every replica reports as its own service instance.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "clinic-api";

    /// <summary>
    /// Requests by route and status, connections, rate-limit refusals and handled exceptions (ASP.NET Core),
    /// the collector, JIT and thread pool (the runtime), webhook calls (HttpClient), the database connection pool and
    /// commands (Npgsql), and the service's own (<see cref="ClinicMetrics"/>). None is tagged with a client's data:
    /// routes are templates, not paths.
    /// </summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
        "System.Net.Http",
        "Npgsql",
        ClinicMetrics.MeterName,
    ];

    public static IServiceCollection AddClinicTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsConfigured(configuration))
        {
            AddOtlpMetrics(services);
        }

        return services;
    }

    /// <summary>An endpoint is set, and the SDK is not switched off with the standard <c>OTEL_SDK_DISABLED=true</c>.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]))
        && !string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    // Apart, so that the OpenTelemetry assemblies are loaded only when an endpoint is configured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpMetrics(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddOtlpExporter());
}
