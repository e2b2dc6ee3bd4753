using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clinic.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Clinic.Api.Startup;

/// <summary>
/// Metrics and traces over OTLP for the operator's collector, configured with the standard OpenTelemetry variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or the per-signal <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c> and
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_TRACES_SAMPLER</c>, <c>OTEL_SERVICE_NAME</c>,
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>; <c>OTEL_METRICS_EXPORTER=none</c> or <c>OTEL_TRACES_EXPORTER=none</c> turns one
/// signal off). Without an endpoint nothing of OpenTelemetry is loaded. Every replica reports as its own service instance.
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

    /// <summary>
    /// The spans traced beside each request the API serves (ASP.NET Core's, with the instrumentation's route and
    /// status; the load balancer's health probes are left out): the database commands it runs (Npgsql) and the HTTP
    /// calls it makes (webhooks, the sign-in provider). <see cref="TraceRedaction"/> removes what could name a client
    /// before a span is exported.
    /// </summary>
    public static readonly string[] ActivitySources = ["Npgsql", "System.Net.Http"];

    /// <summary>
    /// Off, ASP.NET Core 10 tags its request spans at their start with the OpenTelemetry conventions, which the
    /// instrumentation then need not do (it adds the route and status at their end).
    /// </summary>
    private const string SuppressRequestSpanTags = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    public static IServiceCollection AddClinicTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var metrics = Exports(configuration, "METRICS");
        var traces = Exports(configuration, "TRACES");
        if (metrics || traces)
        {
            AddOtlp(services, metrics, traces);
        }

        return services;
    }

    /// <summary>
    /// Whether a signal (<c>METRICS</c>, <c>TRACES</c>) is exported: an endpoint is set for all signals or for this one,
    /// its exporter is not <c>none</c>, and the SDK is not switched off with <c>OTEL_SDK_DISABLED=true</c>.
    /// </summary>
    private static bool Exports(IConfiguration configuration, string signal) =>
        (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]))
        && !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"]?.Trim(), "none", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    // Apart, so that the OpenTelemetry assemblies are loaded only when an endpoint is configured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlp(IServiceCollection services, bool metrics, bool traces)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()));
        if (metrics)
        {
            telemetry.WithMetrics(builder => builder.AddMeter(Meters).AddOtlpExporter());
        }

        if (traces)
        {
            AppContext.SetSwitch(SuppressRequestSpanTags, false);
            // The redaction runs before the exporter's processor, which the exporter adds after it.
            telemetry.WithTracing(builder => builder
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(ActivitySources)
                .AddProcessor(new TraceRedaction())
                .AddOtlpExporter());
        }
    }
}

/// <summary>
/// What leaves in a span is what the metrics already carry: route templates, methods, status codes, durations, the
/// database's statements (parameters, never values) and the services called. Before export it removes:
/// <list type="bullet">
/// <item>the request's path and query (they hold client, plan and completion ids, and a FHIR search's subject), the
/// caller's address (the audit trail records it, under its own access rules) and an error's description (an exception's
/// message can quote what the caller sent); the span's name is the method and the route template;</item>
/// <item>the path and query of the HTTP calls the API makes, which only the receiver should know (a webhook's address can
/// carry its secret), keeping the scheme, host and port;</item>
/// <item>spans of database commands that belong to no request (the background jobs' polling), which would be a root
/// span a second and tell nothing about a request.</item>
/// </list>
/// </summary>
internal sealed class TraceRedaction : BaseProcessor<Activity>
{
    private static readonly string[] RequestTagsRemoved =
    [
        "url.path", "url.query", "url.full", "http.target", "http.url", "client.address", "client.port",
        "network.peer.address", "network.peer.port",
    ];

    public override void OnEnd(Activity data)
    {
        switch (data.Source.Name)
        {
            case "Microsoft.AspNetCore":
                foreach (var tag in RequestTagsRemoved)
                {
                    data.SetTag(tag, null);
                }

                if (data.Status == ActivityStatusCode.Error && data.StatusDescription is not null)
                {
                    // An exception's message can quote what the caller sent.
                    data.SetStatus(ActivityStatusCode.Error);
                }

                var method = data.GetTagItem("http.request.method") as string ?? "HTTP";
                data.DisplayName = data.GetTagItem("http.route") is string route && route.Length > 0 ? $"{method} {route}" : method;
                break;
            case "System.Net.Http" when data.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri):
                data.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority));
                break;
            case "Npgsql" when data.Parent is null && data.ParentSpanId == default:
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                break;
        }
    }
}
