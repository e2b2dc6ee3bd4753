using System.Net;
using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Clinic.Api.Tests.Adherence;

/// <summary>
/// What happens between sessions, done over HTTP as the apps do it: the client app logs completions and skips,
/// staff pause and resume plans, each at a clock time of the test's choosing.
/// </summary>
public static class Practise
{
    /// <summary>Logs a completion from the client app one minute after it happened, then puts the clock back.</summary>
    public static async Task<JsonElement> CompleteAsync(
        ClinicApiFactory api,
        HttpClient app,
        Guid assignmentId,
        string completedAt,
        int? distressBefore = null,
        int? distressAfter = null,
        string? reflection = null,
        bool? shareWithTherapist = null,
        int? durationMinutes = null)
    {
        var body = new Dictionary<string, object?> { ["completedAt"] = completedAt };
        AddIfPresent(body, "durationMinutes", durationMinutes);
        AddIfPresent(body, "distressBefore", distressBefore);
        AddIfPresent(body, "distressAfter", distressAfter);
        AddIfPresent(body, "reflection", reflection);
        AddIfPresent(body, "shareWithTherapist", shareWithTherapist);

        var response = await AtAsync(api, Instant(completedAt) + Duration.FromMinutes(1), () =>
            app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/completions", body, idempotencyKey: Guid.NewGuid().ToString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>
    /// Logs a practice of an exercise by its key (POST /me/completions) from the client app one minute after it
    /// happened, then puts the clock back.
    /// </summary>
    public static async Task<JsonElement> LogAsync(
        ClinicApiFactory api,
        HttpClient app,
        string exerciseKey,
        string completedAt,
        int? distressBefore = null,
        int? distressAfter = null,
        string context = "in_the_moment")
    {
        var body = new Dictionary<string, object?> { ["exerciseKey"] = exerciseKey, ["context"] = context, ["completedAt"] = completedAt };
        AddIfPresent(body, "distressBefore", distressBefore);
        AddIfPresent(body, "distressAfter", distressAfter);
        var response = await AtAsync(api, Instant(completedAt) + Duration.FromMinutes(1), () =>
            app.PostJsonAsync("/api/v1/me/completions", body, idempotencyKey: Guid.NewGuid().ToString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task SkipAsync(HttpClient app, Guid assignmentId, string date, string reason)
    {
        var response = await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/skips", new { date, reason }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A plan transition (pause, resume, ...) by the practice admin at the given instant.</summary>
    public static async Task TransitionAsync(ClinicApiFactory api, TestPractice practice, Guid planId, string transition, string at)
    {
        var response = await AtAsync(api, Instant(at), () => practice.Admin.PostJsonAsync($"/api/v1/plans/{planId}/{transition}", new { }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> SummaryAsync(HttpClient caller, Guid planId, string query = "")
    {
        var response = await caller.GetAsync($"/api/v1/plans/{planId}/adherence{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static Guid Assignment(PlanResponse plan, string exerciseKey) => plan.Assignments.Single(a => a.ExerciseKey == exerciseKey).Id;

    public static Instant Instant(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant();

    private static async Task<T> AtAsync<T>(ClinicApiFactory api, Instant at, Func<Task<T>> action)
    {
        var before = api.Clock.GetCurrentInstant();
        api.Clock.Reset(at);
        try
        {
            return await action();
        }
        finally
        {
            api.Clock.Reset(before);
        }
    }

    private static void AddIfPresent(Dictionary<string, object?> body, string name, object? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
