// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Domain.Plans;
using Hl7.Fhir.Model;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>A CarePlan activity without a schedule is the therapist's "whenever it gets hard": an as-needed assignment, and back.</summary>
public sealed class AsNeededActivityTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_activity_without_scheduled_is_an_as_needed_assignment_and_reads_back_without_one()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var fhir = Integration(api, practice);

        var created = await fhir.CreateAsync(NewCarePlan(clientId, therapistId,
            Activity("self-compassion-break", Daily(1)),
            Activity("soothing-touch", null, "Whenever the critic gets loud")));

        Assert.Null(created.Activity[1].Detail.Scheduled);
        Assert.Equal("Whenever the critic gets loud", created.Activity[1].Detail.Description);
        var plan = await (await practice.Admin.GetAsync($"/api/v1/plans/{created.Id}")).ReadAsync<PlanResponse>();
        var asNeeded = plan.Assignments[1];
        Assert.Equal((ScheduleKind.AsNeeded, "soothing-touch"), (asNeeded.Schedule.Kind, asNeeded.ExerciseKey));
        Assert.Equal((plan.StartDate, plan.EndDate), (asNeeded.StartDate, asNeeded.EndDate));
    }

    [Fact]
    public async Task A_timing_with_only_a_bounds_period_is_as_needed_between_those_dates_and_back()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var fhir = Integration(api, practice);
        var bounded = new Timing { Repeat = new Timing.RepeatComponent { Bounds = new Period { Start = "2026-03-05", End = "2026-03-12" } } };

        var created = await fhir.CreateAsync(NewCarePlan(clientId, therapistId, Activity("soften-soothe-allow", bounded)));

        var plan = await (await practice.Admin.GetAsync($"/api/v1/plans/{created.Id}")).ReadAsync<PlanResponse>();
        Assert.Equal(ScheduleKind.AsNeeded, plan.Assignments[0].Schedule.Kind);
        Assert.Equal(("2026-03-05", "2026-03-12"), (plan.Assignments[0].StartDate.ToString("yyyy-MM-dd", null), plan.Assignments[0].EndDate.ToString("yyyy-MM-dd", null)));
        var repeat = ((Timing)created.Activity[0].Detail.Scheduled).Repeat;
        Assert.Equal(("2026-03-05", "2026-03-12"), (((Period)repeat.Bounds).Start, ((Period)repeat.Bounds).End));
        Assert.Null(repeat.Frequency);
        Assert.Null(repeat.PeriodUnit);
    }

    [Fact]
    public async Task A_care_plan_with_an_as_needed_activity_can_be_put_back_as_read()
    {
        var (practice, therapistId, clientId) = await SetUpAsync();
        var fhir = Integration(api, practice);
        var created = await fhir.CreateAsync(NewCarePlan(clientId, therapistId, Activity("soothing-touch", null)));
        created.Title = "Whenever it gets hard";

        var updated = await fhir.UpdateAsync(created, versionAware: true);

        Assert.Equal("Whenever it gets hard", updated.Title);
        Assert.Null(updated.Activity[0].Detail.Scheduled);
    }

    private async Task<(TestPractice Practice, Guid TherapistId, Guid ClientId)> SetUpAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        return (practice, therapist.Id, client.Id);
    }
}
