using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Plans;

namespace Clinic.Api.Tests.Completions;

/// <summary>A client in America/New_York with an active plan 2026-03-02..2026-03-15 and one daily assignment.</summary>
internal sealed record CompletionFixture(PlanFixture Plan, Guid AssignmentId)
{
    public HttpClient App => Plan.App;

    public string CompletionsUrl => $"/api/v1/assignments/{AssignmentId}/completions";

    public string SkipsUrl => $"/api/v1/assignments/{AssignmentId}/skips";

    public static async Task<CompletionFixture> CreateAsync(ClinicApiFactory api, params object[] assignments)
    {
        var plan = await PlanFixture.CreateAsync(api, assignments);
        return new CompletionFixture(plan, plan.Plan.Assignments[0].Id);
    }

    public static string NewKey() => Guid.NewGuid().ToString();
}
