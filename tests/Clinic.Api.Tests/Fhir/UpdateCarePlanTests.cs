// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

public sealed class UpdateCarePlanTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Put_with_the_current_version_changes_title_description_and_period()
    {
        var (fhir, plan) = await CreateAsync();
        plan.Title = "Answering the critic";
        plan.Description = null;
        plan.Period.End = "2026-03-20";

        var updated = await fhir.UpdateAsync(plan, versionAware: true);

        Assert.Equal("Answering the critic", updated.Title);
        Assert.Null(updated.Description);
        Assert.Equal("2026-03-20", updated.Period.End);
        Assert.NotEqual(plan.Meta.VersionId, updated.Meta.VersionId);
    }

    [Fact]
    public async Task Put_with_a_stale_version_is_412()
    {
        var (fhir, plan) = await CreateAsync();
        plan.Title = "First";
        await fhir.UpdateAsync(plan, versionAware: true);
        plan.Title = "Second";

        var (status, outcome) = await FailureAsync(() => fhir.UpdateAsync(plan, versionAware: true));

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Equal(OperationOutcome.IssueType.Conflict, Assert.Single(outcome.Issue).Code);
    }

    [Fact]
    public async Task Put_without_if_match_is_428()
    {
        var (fhir, plan) = await CreateAsync();

        var (status, _) = await FailureAsync(() => fhir.UpdateAsync(plan, versionAware: false));

        Assert.Equal((HttpStatusCode)428, status);
    }

    [Fact]
    public async Task Put_with_changed_activities_is_422_pointing_at_the_rest_endpoints()
    {
        var (fhir, plan) = await CreateAsync();
        plan.Activity.Select(a => (Timing)a.Detail.Scheduled).Single(t => t.Repeat?.Frequency == 2).Repeat.Frequency = 3;

        var (status, outcome) = await FailureAsync(() => fhir.UpdateAsync(plan, versionAware: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertIssue(outcome, "CarePlan.activity");
        Assert.Contains("/assignments", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private async Task<(FhirClient Fhir, CarePlan Plan)> CreateAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var fhir = Integration(api, practice);
        var created = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(2)), Activity("compassionate-letter", Once("2026-03-12"))));
        return (fhir, created);
    }
}
