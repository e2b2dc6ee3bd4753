using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// An operator points the API at an OpenTelemetry collector with the standard variables and gets its metrics:
/// requests by route template, the runtime's and the database pool's, with no client's data in any of them.
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
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, name: "Quillon Marchetti-Osei");

        using var read = await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var exported = await collector.WaitForAsync(text =>
            text.Contains("http.server.request.duration", StringComparison.Ordinal)
            && text.Contains("/api/v1/clients/{clientId", StringComparison.Ordinal)
            && text.Contains("db.client.", StringComparison.Ordinal)
            && text.Contains("dotnet.gc.", StringComparison.Ordinal));
        Assert.Contains("clinic-api", exported, StringComparison.Ordinal);
        Assert.All(collector.Paths, path => Assert.Equal("/v1/metrics", path));
        Assert.DoesNotContain(client.Id.ToString(), exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quillon", exported, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://127.0.0.1:4318", "true")]
    public async Task Without_an_endpoint_or_with_the_sdk_disabled_no_metrics_are_collected(string? endpoint, string? disabled)
    {
        await using var api = new ClinicApiFactory();
        await api.InitializeAsync();
        api.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        api.Settings["OTEL_SDK_DISABLED"] = disabled;
        api.CreateClient();

        Assert.Null(api.Services.GetService<MeterProvider>());
    }

    /// <summary>Receives OTLP/HTTP exports; protobuf carries names and string values as plain UTF-8, so they are searched as text.</summary>
    private sealed class OtlpCollector : LoopbackServer
    {
        private readonly ConcurrentQueue<string> exports = new();
        private readonly ConcurrentQueue<string> paths = new();

        public string Url => Origin;

        public IReadOnlyList<string> Paths => [.. paths];

        /// <summary>All exports so far as one text, once it satisfies <paramref name="complete"/>; fails after 20 s.</summary>
        public async Task<string> WaitForAsync(Func<string, bool> complete)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var text = string.Join('\n', exports);
                if (complete(text))
                {
                    return text;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The collector received {exports.Count} exports without the expected metrics.");
                await Task.Delay(100);
            }
        }

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            paths.Enqueue(context.Request.Url?.AbsolutePath ?? "");
            exports.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
