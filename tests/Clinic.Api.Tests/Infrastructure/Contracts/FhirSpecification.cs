using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Clinic.Api.Tests.Infrastructure.Contracts;

/// <summary>
/// Firely's FHIR validator over the R4 base specification, offline: the StructureDefinitions, value sets and
/// invariants come from the specification.zip that Hl7.Fhir.Specification.Data.R4 ships. Built once per test run
/// (loading the specification takes seconds; a validation after that takes milliseconds).
/// </summary>
public static class FhirSpecification
{
    private static readonly Lazy<Validator> Validator = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    /// <summary>The errors (and fatal issues) the validator finds in a resource, each with its location.</summary>
    public static IReadOnlyList<string> ErrorsIn(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Validator.Value.Validate(resource);
        }

        return
        [
            .. outcome.Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{string.Join(",", i.Expression.Concat(i.Location))}: {i.Details?.Text ?? i.Diagnostics}"),
        ];
    }

    /// <summary>The errors in a FHIR JSON text: what the strict parser refuses, else what the validator finds.</summary>
    public static IReadOnlyList<string> ErrorsIn(string json)
    {
        Resource resource;
        try
        {
            resource = new FhirJsonDeserializer().DeserializeResource(json);
        }
        catch (DeserializationFailedException failed)
        {
            return [.. failed.Exceptions.Select(e => e.Message)];
        }

        return ErrorsIn(resource);
    }

    public static void AssertValid(Resource resource)
    {
        var errors = ErrorsIn(resource);
        Assert.True(errors.Count == 0, $"The {resource.TypeName} breaks FHIR R4:\n  {string.Join("\n  ", errors)}");
    }

    private static Validator Create()
    {
        var specification = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(specification, new LocalTerminologyService(specification));
    }
}
