using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Plans;

namespace Clinic.Api.Tests.Fuzzing;

/// <summary>
/// Every operation of the OpenAPI document, sent hostile input as every role: no answer is a 5xx and the
/// exception handler never logs an unhandled exception. 1,000 requests here; FUZZ_REQUESTS=10000 for a long run,
/// FUZZ_SEED=n for other requests than the fixed ones.
/// </summary>
public sealed class HostileInputTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const int DefaultSeed = 20261126;

    [Fact]
    public async Task Text_with_a_nul_character_is_a_400_naming_the_field()
    {
        var fixture = await Completions.CompletionFixture.CreateAsync(api, TestPractice.Daily(1));

        var response = await fixture.App.PostJsonAsync(
            fixture.CompletionsUrl, "{\"completedAt\":\"2026-03-10T08:00:00Z\",\"reflection\":\"a\\u0000b\"}", idempotencyKey: Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reflection", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_requests_to_every_operation_never_get_a_server_error()
    {
        var fixture = await PlanFixture.CreateAsync(api, TestPractice.Daily(1), TestPractice.Weekly(3));
        var document = JsonSerializer.Deserialize<JsonElement>(await (await api.Anonymous().GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync());
        var knownIds = new List<Guid> { fixture.Plan.Id, fixture.Plan.ClientId, fixture.Practice.Id, fixture.Plan.TherapistId };
        knownIds.AddRange(fixture.Plan.Assignments.Select(a => a.Id));
        var callers = new[]
        {
            fixture.Practice.Admin,
            fixture.Practice.Integration,
            fixture.Therapist,
            fixture.App,
            api.ClientAs(Roles.Operator, Guid.NewGuid().ToString(), null),
            api.ClientAs(Roles.Client, Guid.NewGuid().ToString(), fixture.Practice.Id),
            api.Anonymous(),
        };
        var requests = new HostileRequests(document, HostileRequests.Seed(DefaultSeed), knownIds);
        var count = HostileRequests.RequestCount(1000);
        var run = new FuzzRun(api.Logs);

        for (var i = 0; i < count; i++)
        {
            using var request = requests.Next(out var operation);
            using var response = await callers[i % callers.Length].SendAsync(request);
            run.Record(i, $"{operation.Method.ToUpperInvariant()} {request.RequestUri}", (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        run.AssertClean($"fuzz: {count} requests over {requests.Operations.Count} operations");
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, run.Statuses.Keys.Select(s => (HttpStatusCode)s));
    }
}
