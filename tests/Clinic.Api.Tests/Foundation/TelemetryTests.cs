using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// An operator points the API at an OpenTelemetry collector with the standard variables and gets its metrics
/// (requests by route template, the runtime's and the database pool's) and its traces (each request with its database
/// commands, joined to the caller's trace), with no client's data in any of them.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_metrics_reach_the_collector_without_client_data()
    {
        await using var collector = new OtlpCollector();
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        api.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        api.Settings["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        api.Settings["OTEL_TRACES_EXPORTER"] = "none";
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, name: "Quillon Marchetti-Osei");

        using var read = await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var exported = await collector.WaitForAsync("http.server.request.duration", "/api/v1/clients/{clientId", "db.client.", "dotnet.gc.");
        Assert.Contains("clinic-api", exported, StringComparison.Ordinal);
        Assert.All(collector.Paths, path => Assert.Equal("/v1/metrics", path));
        Assert.DoesNotContain(client.Id.ToString(), exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quillon", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_each_request_is_traced_with_its_database_commands_without_client_data()
    {
        await using var collector = new OtlpCollector();
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        api.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        api.Settings["OTEL_METRICS_EXPORTER"] = "none";
        api.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        // The webhook dispatcher polls the database in the background; its commands belong to no request.
        api.Settings["Webhooks:DispatcherEnabled"] = "true";
        api.Settings["Webhooks:PollInterval"] = "00:00:00.100";
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, name: "Quillon Marchetti-Osei");

        // The EHR's call arrives inside a trace of its own, from an address of its own.
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clients/{client.Id}");
        read.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        read.Headers.Add(PeerAddressFilter.Header, "198.51.100.23");
        using var response = await practice.Admin.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var search = await practice.Integration.GetAsync($"/fhir/CarePlan?subject=Patient/{client.Id}");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        using var audit = await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}&limit=7");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);

        var exported = await collector.WaitForAsync("GET /api/v1/clients/{clientId", "GET /fhir/CarePlan", "GET /api/v1/audit", "postgresql", "SELECT");
        Assert.Contains("clinic-api", exported, StringComparison.Ordinal);
        Assert.All(collector.Paths, path => Assert.Equal("/v1/traces", path));
        Assert.Contains(traceId, collector.Hex, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Id.ToString(), exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexStringLower(client.Id.ToByteArray()), collector.Hex, StringComparison.Ordinal);
        Assert.DoesNotContain("Quillon", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.23", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("limit=7", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("SKIP LOCKED", exported, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, false, false)]
    [InlineData("http://127.0.0.1:4318", "true", null, false, false)]
    [InlineData("http://127.0.0.1:4318", null, null, true, true)]
    [InlineData("http://127.0.0.1:4318", null, "traces", true, false)]
    [InlineData("http://127.0.0.1:4318", null, "metrics", false, true)]
    public async Task Each_signal_is_collected_only_when_an_endpoint_is_set_and_it_is_not_switched_off(
        string? endpoint, string? disabled, string? noneFor, bool metrics, bool traces)
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        api.Settings["OTEL_SDK_DISABLED"] = disabled;
        if (noneFor is not null)
        {
            api.Settings[$"OTEL_{noneFor.ToUpperInvariant()}_EXPORTER"] = "none";
        }

        api.CreateClient();

        Assert.Equal(metrics, api.Services.GetService<MeterProvider>() is not null);
        Assert.Equal(traces, api.Services.GetService<TracerProvider>() is not null);
    }

    /// <summary>Receives OTLP/HTTP exports; protobuf carries names and string values as plain UTF-8, so they are searched as text.</summary>
    private sealed class OtlpCollector : LoopbackServer
    {
        private readonly ConcurrentQueue<string> exports = new();
        private readonly ConcurrentQueue<string> hex = new();
        private readonly ConcurrentQueue<string> paths = new();

        public string Url => Origin;

        public IReadOnlyList<string> Paths => [.. paths];

        /// <summary>The exports' bytes in lower-case hex, where a trace id or a binary id would be.</summary>
        public string Hex => string.Join('\n', hex);

        /// <summary>All exports so far as one text, once it holds every one of <paramref name="expected"/>; fails after 20 s naming those missing.</summary>
        public async Task<string> WaitForAsync(params string[] expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var text = string.Join('\n', exports);
                var missing = expected.Where(e => !text.Contains(e, StringComparison.Ordinal)).ToList();
                if (missing.Count == 0)
                {
                    return text;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The collector received {exports.Count} exports ({string.Join(", ", paths.Distinct())}) without {string.Join(", ", missing)}.");
                await Task.Delay(100);
            }
        }

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            paths.Enqueue(context.Request.Url?.AbsolutePath ?? "");
            exports.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            hex.Enqueue(Convert.ToHexStringLower(body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
