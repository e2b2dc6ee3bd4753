// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>The EHR pulls the adherence summary as an Observation after the client app logged practice over REST.</summary>
public sealed class AdherenceObservationTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string AsOf = "2026-03-10T12:00:00Z";

    [Fact]
    public async Task Observation_search_returns_the_worked_example_as_percent_and_components()
    {
        var (practice, clientId, plan, app) = await PlanWithPracticeAsync();
        var assignmentId = Guid.Parse(plan.Activity[0].ElementId);
        // ADHERENCE.md's worked example: 03-04 missed, a second practice on 03-03, and a late one on local 03-09.
        foreach (var completedAt in new[] { "2026-03-02T15:00:00Z", "2026-03-03T15:00:00Z", "2026-03-03T20:00:00Z", "2026-03-07T15:00:00Z", "2026-03-08T15:00:00Z", "2026-03-09T15:00:00Z", "2026-03-10T02:30:00Z" })
        {
            await Practise.CompleteAsync(api, app, assignmentId, completedAt);
        }

        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-05T15:00:00Z", distressBefore: 6, distressAfter: 3);
        await Practise.CompleteAsync(api, app, assignmentId, "2026-03-06T15:00:00Z", distressBefore: 5, distressAfter: 4);

        var bundle = await Integration(api, practice).SearchAsync<Observation>([$"subject=Patient/{clientId}", "code=adherence-summary", $"asOf={AsOf}"]);

        var observation = (Observation)Assert.Single(bundle.Entry).Resource;
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal((AdherenceObservationMapping.ObservationSystem, "adherence-summary"), (observation.Code.Coding[0].System, observation.Code.Coding[0].Code));
        Assert.Equal($"Patient/{clientId}", observation.Subject.Reference);
        Assert.Equal($"CarePlan/{plan.Id}", Assert.Single(observation.BasedOn).Reference);
        Assert.Equal(("2026-03-02", "2026-03-09"), (((Period)observation.Effective).Start, ((Period)observation.Effective).End));
        Assert.Equal(DateTimeOffset.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture), observation.Issued);
        var rate = (Quantity)observation.Value;
        Assert.Equal((87.5m, "%", "http://unitsofmeasure.org", "%"), (rate.Value, rate.Unit, rate.System, rate.Code));
        Assert.Equal(8, ((Integer)Component(observation, "expected").Value).Value);
        Assert.Equal(7, ((Integer)Component(observation, "credited").Value).Value);
        Assert.Equal(2, ((Integer)Component(observation, "extra").Value).Value);
        Assert.Equal(87.5m, ((Quantity)Component(observation, "pdc").Value).Value);
        Assert.Equal(5, ((Integer)Component(observation, "currentStreak").Value).Value);
        Assert.Equal(-2m, ((Quantity)Component(observation, "meanDistressChange").Value).Value);
    }

    [Fact]
    public async Task Adherence_summary_operation_returns_the_plans_observation()
    {
        var (practice, _, plan, app) = await PlanWithPracticeAsync();
        await Practise.CompleteAsync(api, app, Guid.Parse(plan.Activity[0].ElementId), "2026-03-09T15:00:00Z");

        var response = await practice.Integration.GetAsync($"/fhir/CarePlan/{plan.Id}/$adherence-summary?asOf={AsOf}&from=2026-03-08");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var observation = new FhirJsonDeserializer().Deserialize<Observation>(await response.Content.ReadAsStringAsync());
        Assert.Equal("2026-03-08", ((Period)observation.Effective).Start);
        Assert.Equal(50m, ((Quantity)observation.Value).Value);
        Assert.Equal("not-applicable", Component(observation, "meanDistressChange").DataAbsentReason.Coding[0].Code);
    }

    [Fact]
    public async Task A_rate_without_tasks_due_is_absent_not_zero()
    {
        var (practice, clientId, _, _) = await PlanWithPracticeAsync();

        var bundle = await Integration(api, practice).SearchAsync<Observation>([$"subject=Patient/{clientId}", "asOf=2026-03-02T12:00:00Z"]);

        var observation = (Observation)Assert.Single(bundle.Entry).Resource;
        Assert.Null(observation.Value);
        Assert.Equal("not-applicable", observation.DataAbsentReason.Coding[0].Code);
        Assert.Null(Component(observation, "pdc").Value);
        Assert.Equal(0, ((Integer)Component(observation, "expected").Value).Value);
    }

    [Fact]
    public async Task Only_active_plans_and_the_adherence_code_match()
    {
        var (practice, clientId, _, _) = await PlanWithPracticeAsync();
        var (therapist, _) = await practice.AddTherapistAsync();
        var draft = NewCarePlan(clientId, therapist.Id, Activity("soothing-touch", Daily(1)));
        draft.Status = RequestStatus.Draft;
        var fhir = Integration(api, practice);
        await fhir.CreateAsync(draft);

        var adherence = await fhir.SearchAsync<Observation>([$"subject=Patient/{clientId}", $"code={AdherenceObservationMapping.ObservationSystem}|adherence-summary"]);
        var otherCode = await fhir.SearchAsync<Observation>([$"subject=Patient/{clientId}", "code=http://loinc.org|8867-4"]);

        Assert.Equal(1, adherence.Total);
        Assert.Equal(0, otherCode.Total);
    }

    private static Observation.ComponentComponent Component(Observation observation, string code) =>
        observation.Component.Single(c => c.Code.Coding[0].Code == code);

    private async Task<(TestPractice Practice, Guid ClientId, CarePlan Plan, HttpClient App)> PlanWithPracticeAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        var plan = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("self-compassion-break", Daily(1))));
        return (practice, client.Id, plan, app);
    }
}
