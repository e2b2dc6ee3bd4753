using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>The API at its most talkative (every category at Trace), for the safe-log scenario.</summary>
public sealed class VerboseApiFactory() : ConfiguredApiFactory(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Trace",
    ["Logging:LogLevel:Microsoft"] = "Trace",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
});

public sealed class SafeLogTests(VerboseApiFactory fixture) : IClassFixture<VerboseApiFactory>
{
    private const string ClientName = "Quillfeather Zebediah-Ostrander";
    private const string TherapistEmail = "vantablack.heron.5521@example.org";
    private const string Reflection = "marmalade lighthouse whispering 4471";
    private const string SkipNote = "copper kettle thunder 9932";

    [Fact]
    public async Task A_full_scenario_leaves_no_client_data_or_tokens_in_the_logs()
    {
        var api = fixture.Api;
        var practice = await TestPractice.CreateAsync(api);
        var therapistResponse = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = "Dr Obadiah Fernsworth-Klee", email = TherapistEmail });
        var therapistId = (await therapistResponse.ReadJsonAsync()).GetProperty("id").GetGuid();
        var (client, app) = await practice.AddClientAsync(therapistId, "Europe/London", ClientName);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var assignmentId = plan.Assignments[0].Id;

        var completion = await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/completions", new
        {
            completedAt = "2026-03-09T20:00:00Z",
            durationMinutes = 13,
            distressBefore = 9,
            distressAfter = 2,
            helpfulness = 10,
            reflection = Reflection,
            shareWithTherapist = true,
        }, idempotencyKey: "safe-log-1");
        Assert.Equal(HttpStatusCode.Created, completion.StatusCode);
        var skip = await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/skips", new { date = "2026-03-04", reason = "too_distressing", note = SkipNote }, idempotencyKey: "safe-log-2");
        Assert.Equal(HttpStatusCode.Created, skip.StatusCode);

        // Failures too: validation errors echo nothing, refused and broken requests log no bodies.
        await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/completions", new { completedAt = "2026-03-09T20:00:00Z", reflection = Reflection + new string('!', 4001) }, idempotencyKey: "safe-log-3");
        await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/completions", $"{{\"completedAt\": \"{Reflection}\"}}", idempotencyKey: "safe-log-4");
        await practice.Admin.GetAsync($"/api/v1/assignments/{assignmentId}/completions");
        await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}");
        await practice.Admin.GetAsync("/api/v1/clients");

        var token = app.DefaultRequestHeaders.Authorization!.Parameter!;
        var logs = api.Logs.All;
        Assert.NotEmpty(api.Logs.Lines);
        foreach (var secret in new[] { ClientName, "Zebediah", TherapistEmail, Reflection, "marmalade", SkipNote, "Fernsworth", token, token[..20] })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
