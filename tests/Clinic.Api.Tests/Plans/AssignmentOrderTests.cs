// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Fhir;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Plans;

/// <summary>
/// A plan keeps its assignments in the order the therapist, or the CarePlan's activities, gave them, in every view:
/// the plan, the summaries, the agenda, the timeline's legend and the CarePlan read back. Six exercises in an order
/// that is neither alphabetical nor by id leave 1 chance in 720 of passing by luck.
/// </summary>
public sealed class AssignmentOrderTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private static readonly string[] GivenOrder =
    [
        "soothing-touch", "compassionate-walking", "affectionate-breathing", "self-compassion-break", "soften-soothe-allow", "loving-kindness-for-ourselves",
    ];

    [Fact]
    public async Task Assignments_keep_the_order_they_were_given_in_every_view()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", [.. GivenOrder.Select(key => TestPractice.Daily(1, key))]);

        Assert.Equal(GivenOrder, plan.Assignments.Select(a => a.ExerciseKey));
        var read = await (await therapistApi.GetAsync($"/api/v1/plans/{plan.Id}")).ReadAsync<PlanResponse>();
        Assert.Equal(GivenOrder, read.Assignments.Select(a => a.ExerciseKey));

        var summary = await Practise.SummaryAsync(therapistApi, plan.Id, "?asOf=2026-03-10T12:00:00Z");
        Assert.Equal(GivenOrder, Keys(summary.GetProperty("assignments")));
        var ids = plan.Assignments.Select(a => a.Id).ToList();
        Assert.Equal(ids, summary.GetProperty("today").EnumerateArray().Select(t => t.GetProperty("assignmentId").GetGuid()));

        var agenda = await (await app.GetAsync("/api/v1/me/agenda?date=2026-03-10")).ReadAsync<JsonElement>();
        Assert.Equal(GivenOrder, Keys(agenda.GetProperty("items")));

        var timeline = await (await app.GetAsync("/api/v1/me/timeline?from=2026-03-09&to=2026-03-10")).ReadAsync<JsonElement>();
        Assert.Equal(GivenOrder, Keys(timeline.GetProperty("assignments")));
        Assert.Equal(GivenOrder, Keys(timeline.GetProperty("days")[0].GetProperty("due")));

        var carePlan = await FhirTestKit.Integration(api, practice).ReadAsync<CarePlan>($"CarePlan/{plan.Id}");
        Assert.Equal(GivenOrder, carePlan.Activity.Select(a => a.Detail.Code.Coding[0].Code));
    }

    [Fact]
    public async Task An_added_assignment_comes_last()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", [.. GivenOrder.Select(key => TestPractice.Daily(1, key))]);

        var response = await therapistApi.PostJsonAsync($"/api/v1/plans/{plan.Id}/assignments", new { exerciseKey = "compassionate-letter", schedule = new { kind = "once", dueDate = "2026-03-12" } }, ifMatch: plan.ETag);
        var changed = await response.ReadAsync<PlanResponse>();

        Assert.Equal([.. GivenOrder, "compassionate-letter"], changed.Assignments.Select(a => a.ExerciseKey));
    }

    [Fact]
    public async Task A_care_plan_keeps_the_order_of_its_activities()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var fhir = FhirTestKit.Integration(api, practice);

        var created = await fhir.CreateAsync(FhirTestKit.NewCarePlan(client.Id, therapist.Id, [.. GivenOrder.Select(key => FhirTestKit.Activity(key, FhirTestKit.Daily(1)))]));

        Assert.Equal(GivenOrder, created.Activity.Select(a => a.Detail.Code.Coding[0].Code));
        var plan = await (await practice.Admin.GetAsync($"/api/v1/plans/{created.Id}")).ReadAsync<PlanResponse>();
        Assert.Equal(GivenOrder, plan.Assignments.Select(a => a.ExerciseKey));
    }

    private static IEnumerable<string> Keys(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("exerciseKey").GetString()!);
}
