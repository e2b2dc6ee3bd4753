using Hl7.Fhir.Model;

namespace Clinic.Api.Features.Fhir;

/// <summary>What <c>GET /fhir/metadata</c> says this server does: exactly the interactions <see cref="FhirEndpoints"/> maps.</summary>
public static class CapabilityStatementBuilder
{
    public const string AdherenceOperation = "adherence-summary";
    public const string AdherenceOperationDefinition = "https://clinic.example/fhir/OperationDefinition/CarePlan-adherence-summary";
    public const string AsOfSearchParameter = "https://clinic.example/fhir/SearchParameter/Observation-asOf";

    public static CapabilityStatement Build(string serverBase, string smartConfiguration) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-12-02",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Clinic" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Clinic homework plans, adherence and outcome measures", Url = serverBase },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART on FHIR", null)],
                    Description = $"Bearer tokens from the token endpoint described at {smartConfiguration} (client_credentials for EHR backends).",
                },
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "CarePlan",
                        Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                        ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotMatch,
                        ReadHistory = false,
                        UpdateCreate = false,
                        Interaction =
                        [
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Create),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Update),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                        ],
                        SearchParam =
                        [
                            SearchParam("subject", "CarePlan-subject", SearchParamType.Reference, "Patient/{id}, or subject:identifier=[system|]externalId"),
                            SearchParam("patient", "clinical-patient", SearchParamType.Reference, "Same as subject"),
                            SearchParam("status", "CarePlan-status", SearchParamType.Token, "draft | active | on-hold | revoked | completed; comma-separated for any of them"),
                        ],
                        Operation =
                        [
                            new CapabilityStatement.OperationComponent { Name = AdherenceOperation, Definition = AdherenceOperationDefinition },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Patient",
                        Documentation = "The clients the CarePlans and Observations name: id, identifier (the EHR's own id, the client's externalId), "
                            + "name and active (false once discharged). "
                            + "Clients are created and changed through the REST API.",
                        Interaction =
                        [
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                        ],
                        SearchParam =
                        [
                            SearchParam("identifier", "Patient-identifier", SearchParamType.Token, "[system|]externalId; this or _id is required"),
                            SearchParam("_id", "Resource-id", SearchParamType.Token, "The client's id"),
                            SearchParam("active", "Patient-active", SearchParamType.Token, "true (in care) or false (discharged)"),
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Observation",
                        Interaction =
                        [
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                        ],
                        SearchParam =
                        [
                            SearchParam("subject", "Observation-subject", SearchParamType.Reference, "Patient/{id}, or subject:identifier=[system|]externalId; required"),
                            SearchParam("patient", "clinical-patient", SearchParamType.Reference, "Same as subject"),
                            SearchParam(
                                "code",
                                "clinical-code",
                                SearchParamType.Token,
                                $"{AdherenceObservationMapping.ObservationSystem}|{AdherenceObservationMapping.SummaryCode} (adherence), "
                                + $"{MeasureMapping.Loinc}|44261-6 (PHQ-9 total), {MeasureMapping.Loinc}|70274-6 (GAD-7 total), "
                                + $"{AdherenceObservationMapping.ObservationSystem}|{MeasureMapping.ScsSfScoreCode} (SCS-SF mean); absent: all"),
                            new CapabilityStatement.SearchParamComponent
                            {
                                Name = "asOf",
                                Definition = AsOfSearchParameter,
                                Type = SearchParamType.Date,
                                Documentation = "The instant the summaries are computed for, and the latest answer time of the scores (default now)",
                            },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Questionnaire",
                        Interaction =
                        [
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                        ],
                        SearchParam = [SearchParam("url", "Questionnaire-url", SearchParamType.Uri, $"The canonical URL, {MeasureMapping.QuestionnaireBase}{{scs-sf|phq-9|gad-7}}")],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "QuestionnaireResponse",
                        Documentation = "Answers to one of the Questionnaires, status completed, authored = when answered; scored by the server. "
                            + "Integrations and therapists post them for a client they may see, a client for themselves.",
                        Interaction =
                        [
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                            Interaction(CapabilityStatement.TypeRestfulInteraction.Create),
                        ],
                    },
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceInteractionComponent Interaction(CapabilityStatement.TypeRestfulInteraction code) => new() { Code = code };

    /// <summary>A search parameter of the base specification, by the id of its SearchParameter.</summary>
    private static CapabilityStatement.SearchParamComponent SearchParam(string name, string baseDefinition, SearchParamType type, string documentation) =>
        new() { Name = name, Definition = $"http://hl7.org/fhir/SearchParameter/{baseDefinition}", Type = type, Documentation = documentation };
}
