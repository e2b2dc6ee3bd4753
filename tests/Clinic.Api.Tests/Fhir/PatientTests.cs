// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>
/// The Patient every CarePlan and Observation names can be resolved by the EHR that may see the client: read by id,
/// found by the EHR's own identifier, and never another practice's.
/// </summary>
public sealed class PatientTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task The_subject_of_a_care_plan_reads_as_a_patient_with_the_ehrs_identifier_and_is_audited()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var mrn = $"MRN-{Guid.NewGuid():N}"[..16];
        var (client, _) = await practice.AddClientAsync(therapist.Id, "Europe/Berlin", "Ottilie Brennan-Vask", mrn);
        var fhir = Integration(api, practice);
        var plan = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));

        var patient = await fhir.ReadAsync<Patient>(plan.Subject.Reference);

        Assert.Equal(client.Id.ToString(), patient.Id);
        Assert.Equal(mrn, Assert.Single(patient.Identifier).Value);
        Assert.Equal("Ottilie Brennan-Vask", Assert.Single(patient.Name).Text);
        Assert.True(patient.Active);
        var audit = await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}")).ReadJsonAsync();
        Assert.Equal("client.read", audit.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Search_finds_a_patient_by_identifier_with_or_without_its_system_and_by_id_and_filters_by_active()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var mrn = $"MRN-{Guid.NewGuid():N}"[..16];
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: mrn);
        var (other, _) = await practice.AddClientAsync(therapist.Id, externalId: mrn + "-2");
        var fhir = Integration(api, practice);

        async Task<string[]> IdsAsync(params string[] criteria) =>
            [.. (await fhir.SearchAsync<Patient>(criteria)).Entry.Select(e => e.Resource.Id)];

        Assert.Equal([client.Id.ToString()], await IdsAsync($"identifier={mrn}"));
        Assert.Equal([client.Id.ToString()], await IdsAsync($"identifier=urn:oid:2.16.840.1.113883.19.5|{mrn}"));
        Assert.Equal([other.Id.ToString()], await IdsAsync($"_id={other.Id}"));
        Assert.Empty(await IdsAsync($"identifier={mrn}", $"_id={other.Id}"));
        Assert.Equal([client.Id.ToString()], await IdsAsync($"identifier={mrn}", $"_id={client.Id}"));
        Assert.Equal([client.Id.ToString()], await IdsAsync($"identifier={mrn}", "active=true"));
        Assert.Empty(await IdsAsync($"identifier={mrn}", "active=false"));

        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { discharge = true })).StatusCode);
        Assert.Equal([client.Id.ToString()], await IdsAsync($"identifier={mrn}", "active=false"));
        Assert.False(((Patient)Assert.Single((await fhir.SearchAsync<Patient>([$"_id={client.Id}"])).Entry).Resource).Active);
        Assert.Empty(await IdsAsync($"_id={client.Id}", "active=true"));
        Assert.Empty(await IdsAsync("_id=not-an-id"));
        Assert.Empty(await IdsAsync("identifier=" + new string('7', 101)));
    }

    [Fact]
    public async Task Another_practices_patient_is_not_found_by_read_or_search_and_each_attempt_is_recorded_as_denied()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var mrn = $"MRN-{Guid.NewGuid():N}"[..16];
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: mrn);
        var other = await TestPractice.CreateAsync(api);
        var elsewhere = Integration(api, other);

        var (status, outcome) = await FailureAsync(() => elsewhere.ReadAsync<Patient>($"Patient/{client.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single(outcome.Issue).Code);
        Assert.Equal(1, await other.DenialsAsync());

        Assert.Empty((await elsewhere.SearchAsync<Patient>([$"_id={client.Id}"])).Entry);
        Assert.Equal(2, await other.DenialsAsync());
        Assert.Empty((await elsewhere.SearchAsync<Patient>([$"identifier={mrn}"])).Entry);
        Assert.Equal(HttpStatusCode.NotFound, (await FailureAsync(() => elsewhere.ReadAsync<Patient>("Patient/not-an-id"))).Status);
    }

    [Fact]
    public async Task A_search_without_identifier_or_id_or_with_an_unreadable_active_is_refused_naming_the_parameter()
    {
        var practice = await TestPractice.CreateAsync(api);

        var (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Get, "/fhir/Patient");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "identifier");

        (status, outcome) = await RawAsync(practice.Integration, HttpMethod.Get, "/fhir/Patient?identifier=x&active=yes");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertIssue(outcome, "active");

        using var create = await practice.Integration.PostAsync("/fhir/Patient", new StringContent("{\"resourceType\":\"Patient\"}", System.Text.Encoding.UTF8, "application/fhir+json"));
        Assert.True(create.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST /fhir/Patient answered {create.StatusCode}");
    }
}
