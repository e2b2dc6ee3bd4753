// FHIR model properties are all nullable; the assertions are the null checks.
#nullable disable warnings

using System.Net;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;
using Task = System.Threading.Tasks.Task;

namespace Clinic.Api.Tests.Fhir;

/// <summary>
/// The CapabilityStatement says what the server really does: every search parameter it declares narrows the
/// search as declared, every interaction it declares answers, and what it does not declare is refused.
/// </summary>
public sealed class CapabilityStatementTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private delegate Task SearchCheck(World world);

    /// <summary>How each declared search parameter is shown to work: it finds the plan of one client and not the other's.</summary>
    private static readonly Dictionary<string, SearchCheck> SearchChecks = new(StringComparer.Ordinal)
    {
        ["CarePlan.subject"] = world => world.ExpectCarePlansAsync($"subject=Patient/{world.ClientId}", $"subject=Patient/{world.OtherClientId}"),
        ["CarePlan.patient"] = world => world.ExpectCarePlansAsync($"patient=Patient/{world.ClientId}", $"patient=Patient/{world.OtherClientId}"),
        ["CarePlan.status"] = world => world.ExpectCarePlansAsync($"subject=Patient/{world.ClientId}&status=active", $"subject=Patient/{world.ClientId}&status=completed,revoked"),
        ["Observation.subject"] = world => world.ExpectObservationsAsync($"subject=Patient/{world.ClientId}", $"subject=Patient/{world.OtherClientId}"),
        ["Observation.patient"] = world => world.ExpectObservationsAsync($"patient=Patient/{world.ClientId}", $"patient=Patient/{world.OtherClientId}"),
        ["Observation.code"] = world => world.ExpectObservationsAsync(
            $"subject=Patient/{world.ClientId}&code={AdherenceObservationMapping.ObservationSystem}|{AdherenceObservationMapping.SummaryCode}",
            $"subject=Patient/{world.ClientId}&code=http://loinc.org|8867-4"),
        ["Patient.identifier"] = async world =>
        {
            var found = await world.Fhir.SearchAsync<Patient>([$"identifier={world.ExternalId}"]);
            var notFound = await world.Fhir.SearchAsync<Patient>([$"identifier={world.ExternalId}-none"]);

            Assert.Equal(world.ClientId.ToString(), Assert.Single(found.Entry).Resource.Id);
            Assert.Empty(notFound.Entry);
        },
        ["Patient._id"] = async world =>
        {
            var found = await world.Fhir.SearchAsync<Patient>([$"_id={world.ClientId}"]);

            Assert.Equal(world.ClientId.ToString(), Assert.Single(found.Entry).Resource.Id);
            Assert.Empty((await world.Fhir.SearchAsync<Patient>([$"_id={Guid.NewGuid()}"])).Entry);
        },
        ["Patient.active"] = async world =>
        {
            Assert.Single((await world.Fhir.SearchAsync<Patient>([$"_id={world.ClientId}", "active=true"])).Entry);
            Assert.Empty((await world.Fhir.SearchAsync<Patient>([$"_id={world.ClientId}", "active=false"])).Entry);
        },
        ["Questionnaire.url"] = async world =>
        {
            var found = await world.Fhir.SearchAsync<Questionnaire>([$"url={MeasureMapping.QuestionnaireBase}phq-9"]);
            var notFound = await world.Fhir.SearchAsync<Questionnaire>(["url=http://loinc.org/q/44249-1"]);

            Assert.Equal("phq-9", ((Questionnaire)Assert.Single(found.Entry).Resource).Id);
            Assert.Empty(notFound.Entry);
        },
        ["Observation.asOf"] = async world =>
        {
            var bundle = await world.Fhir.SearchAsync<Observation>([$"subject=Patient/{world.ClientId}", "asOf=2026-03-05T12:00:00Z"]);
            Assert.Equal(DateTimeOffset.Parse("2026-03-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ((Observation)Assert.Single(bundle.Entry).Resource).Issued);
        },
    };

    [Fact]
    public async Task Every_declared_search_parameter_narrows_the_search()
    {
        var statement = await MetadataAsync();
        var world = await World.CreateAsync(api);

        var declared = statement.Rest.Single().Resource.SelectMany(r => r.SearchParam.Select(p => $"{r.Type}.{p.Name}")).ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, name => Assert.True(SearchChecks.ContainsKey(name), $"{name} is declared but not shown to work here"));
        foreach (var name in declared)
        {
            await SearchChecks[name](world);
        }
    }

    [Fact]
    public async Task Every_declared_search_parameter_points_at_its_definition()
    {
        var statement = await MetadataAsync();

        Assert.All(statement.Rest.Single().Resource.SelectMany(r => r.SearchParam), p => Assert.False(string.IsNullOrEmpty(p.Definition), $"{p.Name} has no definition"));
    }

    [Fact]
    public async Task Declared_interactions_answer_and_undeclared_ones_are_refused()
    {
        var statement = await MetadataAsync();
        var world = await World.CreateAsync(api);
        var carePlan = statement.Rest.Single().Resource.Single(r => r.Type == "CarePlan");
        var observation = statement.Rest.Single().Resource.Single(r => r.Type == "Observation");
        var questionnaire = statement.Rest.Single().Resource.Single(r => r.Type == "Questionnaire");
        var questionnaireResponse = statement.Rest.Single().Resource.Single(r => r.Type == "QuestionnaireResponse");
        var patient = statement.Rest.Single().Resource.Single(r => r.Type == "Patient");

        Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Update, CapabilityStatement.TypeRestfulInteraction.SearchType],
            carePlan.Interaction.Select(i => i.Code!.Value));
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], observation.Interaction.Select(i => i.Code!.Value));
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], questionnaire.Interaction.Select(i => i.Code!.Value));
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Create], questionnaireResponse.Interaction.Select(i => i.Code!.Value));
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], patient.Interaction.Select(i => i.Code!.Value));
        Assert.Equal(CapabilityStatementBuilder.AdherenceOperation, Assert.Single(carePlan.Operation).Name);

        var read = await world.Fhir.ReadAsync<CarePlan>($"CarePlan/{world.PlanId}");
        var updated = await world.Fhir.UpdateAsync(read, versionAware: true);
        Assert.NotEqual(read.Meta.VersionId, updated.Meta.VersionId);
        Assert.Equal(CapabilityStatement.ConditionalReadStatus.NotMatch, carePlan.ConditionalRead);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CarePlan/{world.PlanId}"))
        {
            conditional.Headers.TryAddWithoutValidation("If-None-Match", $"W/\"{updated.Meta.VersionId}\"");
            Assert.Equal(HttpStatusCode.NotModified, (await world.Http.SendAsync(conditional)).StatusCode);
        }

        Assert.Equal(updated.Meta.VersionId, (await world.Fhir.ReadAsync<CarePlan>($"CarePlan/{world.PlanId}", ifNoneMatch: $"W/\"{read.Meta.VersionId}\"")).Meta.VersionId);
        Assert.NotNull(await world.Fhir.CreateAsync(NewCarePlan(world.ClientId, world.TherapistId, Activity("soothing-touch", Daily(1)))));
        Assert.Equal(HttpStatusCode.OK, (await world.Http.GetAsync($"/fhir/CarePlan/{world.PlanId}/${CapabilityStatementBuilder.AdherenceOperation}")).StatusCode);

        Assert.Equal("phq-9", (await world.Fhir.ReadAsync<Questionnaire>("Questionnaire/phq-9")).Id);
        var answered = await world.Fhir.CreateAsync(MeasureAnswers(world.ClientId, "gad-7", [1, 0, 2, 1, 0, 0, 1]));
        Assert.Equal(answered.Id, (await world.Fhir.ReadAsync<QuestionnaireResponse>($"QuestionnaireResponse/{answered.Id}")).Id);
        Assert.Equal($"QuestionnaireResponse/{answered.Id}", Assert.Single((await world.Fhir.ReadAsync<Observation>($"Observation/{answered.Id}")).DerivedFrom).Reference);

        Assert.True((await world.Http.DeleteAsync($"/fhir/CarePlan/{world.PlanId}")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.True((await world.Http.DeleteAsync($"/fhir/QuestionnaireResponse/{answered.Id}")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.True((await world.Http.GetAsync("/fhir/QuestionnaireResponse")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.True((await world.Http.GetAsync($"/fhir/CarePlan/{world.PlanId}/_history")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.Equal(world.ClientId.ToString(), (await world.Fhir.ReadAsync<Patient>($"Patient/{world.ClientId}")).Id);
        Assert.True((await world.Http.DeleteAsync($"/fhir/Patient/{world.ClientId}")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        Assert.True((await world.Http.PutAsync($"/fhir/Patient/{world.ClientId}", new StringContent("{}"))).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
    }

    private async Task<CapabilityStatement> MetadataAsync()
    {
        var response = await api.Anonymous().GetAsync("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new FhirJsonDeserializer().Deserialize<CapabilityStatement>(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A practice with two clients, each with one active plan, seen by the practice's EHR.</summary>
    private sealed class World
    {
        public required FhirClient Fhir { get; init; }

        public required HttpClient Http { get; init; }

        public required Guid TherapistId { get; init; }

        public required Guid ClientId { get; init; }

        public required Guid OtherClientId { get; init; }

        public required string ExternalId { get; init; }

        public required string PlanId { get; init; }

        public static async Task<World> CreateAsync(ClinicApiFactory api)
        {
            var practice = await TestPractice.CreateAsync(api);
            var (therapist, _) = await practice.AddTherapistAsync();
            var externalId = $"MRN-{Guid.NewGuid():N}";
            var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: externalId);
            var (other, _) = await practice.AddClientAsync(therapist.Id, externalId: externalId + "-other");
            var fhir = Integration(api, practice);
            var plan = await fhir.CreateAsync(NewCarePlan(client.Id, therapist.Id, Activity("self-compassion-break", Daily(1))));
            await fhir.CreateAsync(NewCarePlan(other.Id, therapist.Id, Activity("affectionate-breathing", Daily(1))));
            return new World { Fhir = fhir, Http = practice.Integration, TherapistId = therapist.Id, ClientId = client.Id, OtherClientId = other.Id, ExternalId = externalId, PlanId = plan.Id };
        }

        public async Task ExpectCarePlansAsync(string matching, string other)
        {
            var found = await Fhir.SearchAsync<CarePlan>(matching.Split('&'));
            var notFound = await Fhir.SearchAsync<CarePlan>(other.Split('&'));

            Assert.Equal(PlanId, ((CarePlan)Assert.Single(found.Entry).Resource).Id);
            Assert.DoesNotContain(notFound.Entry, e => e.Resource.Id == PlanId);
        }

        public async Task ExpectObservationsAsync(string matching, string other)
        {
            var found = await Fhir.SearchAsync<Observation>(matching.Split('&'));
            var notFound = await Fhir.SearchAsync<Observation>(other.Split('&'));

            Assert.Equal($"CarePlan/{PlanId}", Assert.Single(((Observation)Assert.Single(found.Entry).Resource).BasedOn).Reference);
            Assert.DoesNotContain(notFound.Entry, e => ((Observation)e.Resource).BasedOn.Any(b => b.Reference == $"CarePlan/{PlanId}"));
        }
    }
}
