using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// An operator handed a problem response (by a client app's support request or an EHR's error report) finds the log
/// entries of that request, on whichever replica served it, and its audit entries, by the one id the response names.
/// </summary>
public sealed partial class LogCorrelationTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_log_entry_written_during_a_request_carries_the_request_id_that_its_problem_response_and_audit_entries_name()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var (_, otherTherapistApi) = await practice.AddTherapistAsync();

        // Another therapist's client: refused as not found, which the request pipeline logs and the audit records.
        var response = await otherTherapistApi.GetAsync($"/api/v1/clients/{client.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var traceId = (await response.ReadJsonAsync()).GetProperty("traceId").GetString()!;

        var logged = api.Logs.Lines.Where(line => line.Contains($"RequestId={traceId}", StringComparison.Ordinal)).ToList();
        var failure = Assert.Single(logged, line => line.Contains("failed with NotFoundException", StringComparison.Ordinal));
        Assert.Matches(TraceIdPattern(), failure);
        var audit = await (await practice.Admin.GetAsync("/api/v1/audit")).ReadJsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("requestId").GetString() == traceId && e.GetProperty("outcome").GetString() == "denied");
        Assert.Equal(HttpStatusCode.OK, (await therapistApi.GetAsync($"/api/v1/clients/{client.Id}")).StatusCode);
    }

    [Fact]
    public void The_console_writes_each_entry_as_json_with_its_scopes()
    {
        var options = api.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.True(options.IncludeScopes);
        Assert.Equal(ConsoleFormatterNames.Json, api.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [GeneratedRegex("TraceId=[0-9a-f]{32}")]
    private static partial Regex TraceIdPattern();
}
