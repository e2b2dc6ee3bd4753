using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// FHIR JSON in and out, with Firely's own (de)serialiser rather than the API's JSON options: FHIR has its own
/// rules for choice types, primitives and extensions. Responses are <c>application/fhir+json</c>, or
/// <c>application/json</c> when that is all the caller accepts.
/// </summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public static string Serialize(Base resource) => Serializer.SerializeToString(resource);

    public static async Task WriteAsync(HttpContext http, Resource resource, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseMediaType(http) + "; charset=utf-8";
        await http.Response.WriteAsync(Serialize(resource), Encoding.UTF8, http.RequestAborted);
    }

    /// <summary>Reads the request body as a resource of type <typeparamref name="T"/>; anything else is a 400 naming what is wrong.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : Resource
    {
        var typeName = ModelInfo.GetFhirTypeNameForType(typeof(T)) ?? typeof(T).Name;
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            throw OperationOutcomes.Invalid(new FhirIssue(typeName, $"Send the {typeName} as {MediaType} (or application/json).", "not-supported"));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw OperationOutcomes.Invalid(new FhirIssue(typeName, $"A {typeName} resource is required in the body.", "required"));
        }

        Resource resource;
        try
        {
            RejectControlCharacters(text, typeName);
            resource = Deserializer.DeserializeResource(text);
        }
        catch (DeserializationFailedException failed)
        {
            throw OperationOutcomes.Invalid([.. failed.Exceptions.Select(e => ToIssue(e, typeName))]);
        }
        catch (JsonException json)
        {
            throw OperationOutcomes.Invalid(new FhirIssue(typeName, $"The body is not valid JSON (line {json.LineNumber + 1}).", "structure"));
        }

        return resource as T
            ?? throw OperationOutcomes.Invalid(new FhirIssue(typeName, $"Expected a {typeName}, got a {resource.TypeName}.", "structure"));
    }

    /// <summary>
    /// FHIR strings hold no characters below U+0020 but tab, carriage return and line feed, and the database could
    /// not store a NUL: each string value that holds one is a 400 at its element. The parser does not check this.
    /// </summary>
    private static void RejectControlCharacters(string text, string typeName)
    {
        using var document = JsonDocument.Parse(text);
        var issues = new List<FhirIssue>();
        FindControlCharacters(document.RootElement, typeName, issues);
        if (issues.Count > 0)
        {
            throw OperationOutcomes.Invalid([.. issues.Take(MaxIssues)]);
        }
    }

    private static void FindControlCharacters(JsonElement element, string path, List<FhirIssue> issues)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    FindControlCharacters(property.Value, $"{path}.{property.Name}", issues);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FindControlCharacters(item, $"{path}[{index++}]", issues);
                }

                break;
            case JsonValueKind.String when element.GetString()!.Any(c => c < ' ' && c is not ('\t' or '\r' or '\n')):
                issues.Add(new FhirIssue(path, "A FHIR string may hold no control characters other than tab, carriage return and line feed.", "structure"));
                break;
        }
    }

    private const int MaxIssues = 20;

    private static FhirIssue ToIssue(CodedException exception, string typeName)
    {
        var path = exception is ExtendedCodedException { InstancePath: { Length: > 0 } instancePath } ? instancePath : typeName;

        // Cardinality errors on the root element come as "$this.subject".
        if (path.StartsWith("$this", StringComparison.Ordinal))
        {
            path = typeName + path["$this".Length..];
        }

        var message = exception is ExtendedCodedException extended ? extended.BaseErrorMessage : exception.Message;
        return new FhirIssue(path, message.Replace("$this", typeName, StringComparison.Ordinal), "structure");
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static string ResponseMediaType(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains(MediaType, StringComparison.OrdinalIgnoreCase)
            ? "application/json"
            : MediaType;
    }
}
