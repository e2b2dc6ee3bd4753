// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Infrastructure.Contracts;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>
/// Every kind of resource the FHIR endpoints serve passes Firely's validator against the R4 base specification
/// (offline), as an EHR would check it: the CapabilityStatement, CarePlans read and searched, adherence
/// Observations from the operation and from search, and the OperationOutcomes of failures. (Every other FHIR test
/// validates what it receives too, through FhirCheckingHandler.)
/// </summary>
public sealed class FhirConformanceTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string AsOf = "2026-03-10T12:00:00Z";

    [Fact]
    public async Task The_capability_statement_is_valid_fhir()
    {
        var statement = await ReadAsync<CapabilityStatement>(api.Anonymous(), "/fhir/metadata", HttpStatusCode.OK);

        FhirSpecification.AssertValid(statement);
    }

    [Fact]
    public async Task A_care_plan_and_the_bundle_that_finds_it_are_valid_fhir()
    {
        var (practice, clientId, plan, _) = await PlanAsync();

        var read = await ReadAsync<CarePlan>(practice.Integration, $"/fhir/CarePlan/{plan.Id}", HttpStatusCode.OK);
        var bundle = await ReadAsync<Bundle>(practice.Integration, $"/fhir/CarePlan?subject=Patient/{clientId}", HttpStatusCode.OK);

        FhirSpecification.AssertValid(read);
        FhirSpecification.AssertValid(bundle);
        Assert.Equal($"http://localhost/fhir/CarePlan/{plan.Id}", Assert.Single(bundle.Entry).FullUrl);
    }

    [Fact]
    public async Task Adherence_observations_from_the_operation_and_from_search_are_valid_fhir()
    {
        var (practice, clientId, plan, app) = await PlanAsync();
        await Practise.CompleteAsync(api, app, Guid.Parse(plan.Activity[0].ElementId), "2026-03-05T15:00:00Z", distressBefore: 6, distressAfter: 3);

        var operation = await ReadAsync<Observation>(practice.Integration, $"/fhir/CarePlan/{plan.Id}/$adherence-summary?asOf={AsOf}", HttpStatusCode.OK);
        var bundle = await ReadAsync<Bundle>(practice.Integration, $"/fhir/Observation?subject=Patient/{clientId}&code=adherence-summary&asOf={AsOf}", HttpStatusCode.OK);
        var nothingDueYet = await ReadAsync<Observation>(practice.Integration, $"/fhir/CarePlan/{plan.Id}/$adherence-summary?asOf=2026-03-02T12:00:00Z", HttpStatusCode.OK);

        FhirSpecification.AssertValid(operation);
        FhirSpecification.AssertValid(bundle);
        FhirSpecification.AssertValid(nothingDueYet);
        Assert.StartsWith("urn:uuid:", Assert.Single(bundle.Entry).FullUrl, StringComparison.Ordinal);
        Assert.NotNull(nothingDueYet.DataAbsentReason);
    }

    [Theory]
    [InlineData("POST", "/fhir/CarePlan", "{\"resourceType\":\"CarePlan\",", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/fhir/CarePlan", "{\"resourceType\":\"CarePlan\",\"status\":\"active\",\"intent\":\"plan\",\"subject\":{\"reference\":\"Group/1\"}}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("GET", "/fhir/CarePlan/00000000-0000-0000-0000-000000000001", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/fhir/CarePlan", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/fhir/Observation?subject=Patient/1&asOf=yesterday", null, HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/fhir/CarePlan/00000000-0000-0000-0000-000000000001", "{\"resourceType\":\"CarePlan\",\"id\":\"00000000-0000-0000-0000-000000000001\",\"status\":\"active\",\"intent\":\"plan\",\"subject\":{\"reference\":\"Patient/1\"}}", HttpStatusCode.NotFound)]
    public async Task Operation_outcomes_of_failures_are_valid_fhir(string method, string url, string? body, HttpStatusCode status)
    {
        var practice = await TestPractice.CreateAsync(api);

        var outcome = await SendAsync<OperationOutcome>(practice.Integration, new HttpMethod(method), url, body, status);

        FhirSpecification.AssertValid(outcome);
        Assert.NotEmpty(outcome.Issue);
    }

    /// <summary>The façade writes JSON only: asking for XML or Turtle, by <c>_format</c> or by Accept, is a 406, never a JSON body the caller cannot read.</summary>
    [Theory]
    [InlineData("_format=xml", null)]
    [InlineData("_format=application/fhir%2Bxml", null)]
    [InlineData("_format=ttl", "application/fhir+json")]
    [InlineData(null, "application/fhir+xml")]
    [InlineData(null, "application/xml, text/xml;q=0.5")]
    [InlineData(null, "application/fhir+json;q=0, application/fhir+xml")]
    public async Task A_caller_that_asks_for_a_format_other_than_json_gets_a_406(string? format, string? accept)
    {
        using var response = await SearchCarePlansAsync(format, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
        FhirSpecification.AssertValid(outcome);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, issue.Code);
        Assert.Contains("JSON", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_format=json", null, "application/fhir+json")]
    [InlineData("_format=application/fhir+json", null, "application/fhir+json")]
    [InlineData("_format=application/fhir%2Bjson;fhirVersion=4.0", "application/xml", "application/fhir+json")]
    [InlineData("_format=application/json", null, "application/json")]
    [InlineData(null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/fhir+json")]
    [InlineData(null, "application/json", "application/json")]
    [InlineData(null, "application/json+fhir", "application/fhir+json")]
    public async Task Json_by_format_or_accept_is_served(string? format, string? accept, string mediaType)
    {
        using var response = await SearchCarePlansAsync(format, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Single(new FhirJsonDeserializer().Deserialize<Bundle>(await response.Content.ReadAsStringAsync()).Entry);
    }

    [Fact]
    public async Task A_care_plan_sent_as_xml_is_a_415()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var content = new StringContent("<CarePlan xmlns=\"http://hl7.org/fhir\"/>", System.Text.Encoding.UTF8, "application/fhir+xml");

        using var response = await practice.Integration.PostAsync(new Uri("/fhir/CarePlan", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(outcome.Issue).Code);
    }

    /// <summary>An EHR that asks for a resource type or interaction the façade lacks learns that, and where the supported ones are listed.</summary>
    [Theory]
    [InlineData("GET", "/fhir/Practitioner?identifier=npi-1", HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound)]
    [InlineData("DELETE", "/fhir/Patient/00000000-0000-0000-0000-000000000001", HttpStatusCode.MethodNotAllowed, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/CarePlan/00000000-0000-0000-0000-000000000001/_history/1", HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound)]
    [InlineData("DELETE", "/fhir/CarePlan/00000000-0000-0000-0000-000000000001", HttpStatusCode.MethodNotAllowed, OperationOutcome.IssueType.NotSupported)]
    public async Task An_unsupported_resource_type_or_interaction_points_to_the_capability_statement(string method, string url, HttpStatusCode status, OperationOutcome.IssueType code)
    {
        var practice = await TestPractice.CreateAsync(api);

        var outcome = await SendAsync<OperationOutcome>(practice.Integration, new HttpMethod(method), url, null, status);

        FhirSpecification.AssertValid(outcome);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(code, issue.Code);
        Assert.Contains($"{method} {url.Split('?')[0]}", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("/fhir/metadata", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operation_outcome_for_a_missing_token_is_valid_fhir()
    {
        var outcome = await ReadAsync<OperationOutcome>(api.Anonymous(), "/fhir/CarePlan?subject=Patient/1", HttpStatusCode.Unauthorized);

        FhirSpecification.AssertValid(outcome);
    }

    [Fact]
    public void The_validator_finds_what_breaks_the_specification()
    {
        var entryWithoutUrl = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Entry = [new Bundle.EntryComponent { Resource = new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("urn:x", "y") } }],
        };
        var planWithoutStatus = new CarePlan { Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference("Patient/1") };

        Assert.Contains(FhirSpecification.ErrorsIn(entryWithoutUrl), e => e.Contains("bdl-15", StringComparison.Ordinal));
        Assert.Contains(FhirSpecification.ErrorsIn(planWithoutStatus), e => e.Contains("status", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(FhirSpecification.ErrorsIn("{\"resourceType\":\"CarePlan\",\"colour\":\"blue\"}"));
    }

    /// <summary>A search that finds one CarePlan, with <c>_format</c> (a query pair) and Accept as given.</summary>
    private async Task<HttpResponseMessage> SearchCarePlansAsync(string? format, string? accept)
    {
        var (practice, clientId, _, _) = await PlanAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan?subject=Patient/{clientId}" + (format is null ? "" : "&" + format));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await practice.Integration.SendAsync(request);
    }

    private async Task<(TestPractice Practice, Guid ClientId, CarePlan Plan, HttpClient App)> PlanAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await Integration(api, practice).CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("self-compassion-break", Daily(1))));
        return (practice, client.Id, plan, app);
    }

    private static Task<T> ReadAsync<T>(HttpClient http, string url, HttpStatusCode status)
        where T : Resource => SendAsync<T>(http, HttpMethod.Get, url, null, status);

    private static async Task<T> SendAsync<T>(HttpClient http, HttpMethod method, string url, string? body, HttpStatusCode status)
        where T : Resource
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json");
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return new FhirJsonDeserializer().Deserialize<T>(text);
    }
}
