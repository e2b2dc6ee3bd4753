using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Features.Adherence;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Plans;
using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using Clinic.Domain.Measures;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Common.OpenApi;

/// <summary>
/// Makes the schemas say what the JSON options (JsonSetup) do on the wire:
/// <list type="bullet">
/// <item>a constructor parameter without a default is required: the API refuses a request without it, and every
/// response carries it (nullable ones as null);</item>
/// <item>words from a closed set are enums of their own (AdherenceFlag, TrendDirection, DayOfWeek), so generated
/// clients get one type for each;</item>
/// <item>skip counts are an object with one count per skip reason.</item>
/// </list>
/// </summary>
internal sealed class WireSchemas : ISchemaFilter
{
    private static readonly Vocabulary Flag = new("AdherenceFlag", "A flag of ADHERENCE.md: who needs attention, and why.", ConstantsOf(typeof(AdherenceFlags)));
    private static readonly Vocabulary Direction = new("TrendDirection", "How the last 7 days compare with the 7 before them (ADHERENCE.md, \"Trend\").", ConstantsOf(typeof(TrendDirections)));

    private static readonly Vocabulary Change = new(
        "ChangeDirection", "Whether a change of an outcome measure is reliable (|RCI| > 1.96), and which way (MEASURES.md).", ConstantsOf(typeof(ChangeDirections)));

    private static readonly Vocabulary Pattern = new(
        "PracticePattern", "Practice beside outcome: practising (adherence rate at least 0.5) or not, beside a reliable SCS-SF improvement or not (ADHERENCE.md, 2026-12).",
        ConstantsOf(typeof(PracticePatterns)));

    private static readonly Vocabulary Day = new("DayOfWeek", "A day of the week in the client's time zone.", ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

    private static readonly Dictionary<(Type Type, string Property), Vocabulary> ArraysOfWords = new()
    {
        [(typeof(ScheduleModel), "daysOfWeek")] = Day,
        [(typeof(AdherenceSummary), "flags")] = Flag,
        [(typeof(CaseloadRow), "flags")] = Flag,
        [(typeof(SessionPrepResponse), "flags")] = Flag,
    };

    private static readonly Dictionary<(Type Type, string Property), Vocabulary> Words = new()
    {
        [(typeof(TrendSummary), "direction")] = Direction,
        [(typeof(MeasurePointResponse), "direction")] = Change,
        [(typeof(OutcomeChangeResponse), "direction")] = Change,
        [(typeof(PracticeBesideOutcomeResponse), "pattern")] = Pattern,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        DeclareNullableReferences(concrete, context);
        var required = RequiredProperties(context.Type).Where(properties.ContainsKey).ToList();
        if (required.Count > 0)
        {
            concrete.Required = new SortedSet<string>(required.Concat(concrete.Required ?? new HashSet<string>()), StringComparer.Ordinal);
        }

        foreach (var name in properties.Keys.ToList())
        {
            if (ArraysOfWords.TryGetValue((context.Type, name), out var items) && properties[name] is OpenApiSchema array)
            {
                array.Items = items.ReferenceIn(context.SchemaRepository);
            }

            if (Words.TryGetValue((context.Type, name), out var words))
            {
                var reference = words.ReferenceIn(context.SchemaRepository);
                properties[name] = properties[name] is OpenApiSchema { Type: { } type } && type.HasFlag(JsonSchemaType.Null)
                    ? new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, AllOf = [reference] }
                    : reference;
            }
        }

        if (context.Type == typeof(AdherenceSummary))
        {
            properties["skips"] = SkipCounts();
        }
    }

    /// <summary>
    /// A property that may be null and whose schema is a reference (an object or an enum) becomes
    /// <c>{type, nullable: true, allOf: [$ref]}</c>: in OpenAPI 3.0 a <c>$ref</c> ignores its siblings, so this is
    /// the form generators and validators read as "this object, or null".
    /// </summary>
    private static void DeclareNullableReferences(OpenApiSchema schema, SchemaFilterContext context)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (schema.Properties!.TryGetValue(name, out var propertySchema)
                && propertySchema is OpenApiSchemaReference reference
                && nullability.Create(property).ReadState == NullabilityState.Nullable
                && reference.Reference.Id is { } id
                && context.SchemaRepository.Schemas.TryGetValue(id, out var target))
            {
                schema.Properties[name] = new OpenApiSchema
                {
                    Type = (target.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null,
                    AllOf = [reference],
                };
            }
        }
    }

    /// <summary>
    /// What System.Text.Json requires with RespectRequiredConstructorParameters: the parameters of the public
    /// constructor that have no default value.
    /// </summary>
    private static IEnumerable<string> RequiredProperties(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => c.GetParameters().Length > 0 && !(c.GetParameters() is [var only] && only.ParameterType == type))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        return constructor is null
            ? []
            : constructor.GetParameters().Where(p => !p.HasDefaultValue && p.Name is not null).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
    }

    private static OpenApiSchema SkipCounts()
    {
        var reasons = System.Enum.GetValues<SkipReason>().Select(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString())).ToList();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Skips reported in the window, by reason; every reason is present.",
            Properties = reasons.ToDictionary(r => r, _ => (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }),
            Required = new SortedSet<string>(reasons, StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
    }

    /// <summary>A closed set of words, documented once as a named enum schema.</summary>
    private sealed record Vocabulary(string SchemaId, string Description, string[] Words)
    {
        public OpenApiSchemaReference ReferenceIn(SchemaRepository repository)
        {
            if (!repository.Schemas.ContainsKey(SchemaId))
            {
                repository.AddDefinition(SchemaId, new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = Description,
                    Enum = [.. Words.Select(w => (JsonNode)JsonValue.Create(w))],
                });
            }

            return new OpenApiSchemaReference(SchemaId);
        }
    }

    private static string[] ConstantsOf(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];
}
