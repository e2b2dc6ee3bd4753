// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>/fhir lies outside /api, so its authorisation is checked here rather than in the REST matrix.</summary>
public sealed class FhirAccessTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Metadata_is_public_and_describes_the_server()
    {
        var anonymous = new FhirClient(new Uri(api.Server.BaseAddress, "fhir"), api.Anonymous(), new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

        var capabilities = await anonymous.CapabilityStatementAsync();

        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        Assert.Contains("json", capabilities.Format);
        var rest = Assert.Single(capabilities.Rest);
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        Assert.Equal("SMART-on-FHIR", rest.Security.Service[0].Coding[0].Code);
        Assert.Contains("/.well-known/smart-configuration", rest.Security.Description, StringComparison.Ordinal);
        var carePlan = rest.Resource.Single(r => r.Type == "CarePlan");
        Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update, CapabilityStatement.TypeRestfulInteraction.SearchType],
            carePlan.Interaction.Select(i => i.Code));
        Assert.Contains(carePlan.SearchParam, p => p.Name == "subject");
        Assert.Equal("adherence-summary", Assert.Single(carePlan.Operation).Name);
        var observation = rest.Resource.Single(r => r.Type == "Observation");
        Assert.Equal(["subject", "code"], observation.SearchParam.Select(p => p.Name).Intersect(["subject", "code"]));
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_as_an_operation_outcome()
    {
        var (status, outcome) = await RawAsync(api.Anonymous(), HttpMethod.Get, $"/fhir/CarePlan/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.Contains("/.well-known/smart-configuration", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fhir_paths_are_404_as_an_operation_outcome()
    {
        var practice = await TestPractice.CreateAsync(api);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Get, "/fhir/Practitioner/123");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single(outcome.Issue).Code);
    }

    [Fact]
    public async Task A_client_cannot_search_another_clients_observations()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var (other, _) = await practice.AddClientAsync(therapist.Id);
        await Integration(api, practice).CreateAsync(NewCarePlan(other.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var bundle = await ClientAs(api, "client", client.Id.ToString(), practice.Id).SearchAsync<Observation>([$"subject=Patient/{other.Id}"]);

        Assert.Equal(0, bundle.Total);
    }

    [Fact]
    public async Task A_search_without_subject_is_400()
    {
        var practice = await TestPractice.CreateAsync(api);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Get, "/fhir/CarePlan?status=active");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "subject");
    }

    [Fact]
    public async Task An_operation_outcome_is_served_as_application_json_when_only_that_is_accepted()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd("application/json");

        var response = await practice.Integration.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync()));
    }
}
