using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Plans;

/// <summary>A practice with one therapist, one client and one active plan (2026-03-02..2026-03-15, one daily assignment).</summary>
internal sealed record PlanFixture(TestPractice Practice, HttpClient Therapist, HttpClient App, PlanResponse Plan)
{
    public string Url => $"/api/v1/plans/{Plan.Id}";

    public static async Task<PlanFixture> CreateAsync(ClinicApiFactory api, params object[] assignments)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", assignments);
        return new PlanFixture(practice, therapistApi, app, plan);
    }
}
