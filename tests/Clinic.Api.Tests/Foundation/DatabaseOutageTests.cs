using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Foundation;

/// <summary>
/// When the database cannot be reached, callers learn it is temporary: 503 problem responses with Retry-After,
/// never a 500. The API is pointed at a port where nothing listens.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly ClinicApiFactory api = new();
    private readonly Guid practiceId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await api.InitializeAsync();
        api.Settings["ConnectionStrings:Clinic"] = "Host=127.0.0.1;Port=1;Username=clinic;Password=clinic;Database=clinic;Timeout=2";
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_read_without_a_database_is_503_with_retry_after()
    {
        var therapist = api.ClientAs(Roles.Therapist, Guid.NewGuid().ToString(), practiceId);

        var response = await therapist.GetAsync($"/api/v1/plans/{Guid.NewGuid()}/adherence");

        await AssertUnavailableAsync(response);
    }

    [Fact]
    public async Task A_write_without_a_database_is_503_with_retry_after()
    {
        var client = api.ClientAs(Roles.Client, Guid.NewGuid().ToString(), practiceId);

        var response = await client.PostJsonAsync(
            $"/api/v1/assignments/{Guid.NewGuid()}/completions", new { completedAt = "2026-03-10T08:00:00Z" }, idempotencyKey: Guid.NewGuid().ToString());

        await AssertUnavailableAsync(response);
    }

    [Fact]
    public async Task Ready_health_without_a_database_is_503()
    {
        var response = await api.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter is not null, "Retry-After is missing");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("Status500", StringComparison.Ordinal));

        // A database out of reach is a warning, without a stack, and not EF Core's errors for each attempt.
        Assert.Contains(api.Logs.Lines, line => line.StartsWith("Warning Clinic.Infrastructure.Persistence.DatabaseFailureLog:", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, line => line.StartsWith("Error Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("DatabaseFailureLog", StringComparison.Ordinal) && line.Contains("   at ", StringComparison.Ordinal));
    }
}
