using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Clinic.Api.Common.Errors;
using Microsoft.Net.Http.Headers;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// FHIR JSON in and out, with Firely's own (de)serialiser rather than the API's JSON options: FHIR has its own
/// rules for choice types, primitives and extensions. Responses are <c>application/fhir+json</c>, or
/// <c>application/json</c> when that is all the caller accepts.
/// </summary>
public static partial class FhirJson
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
            throw new MediaTypeException(StatusCodes.Status415UnsupportedMediaType, $"Send the {typeName} as {MediaType} (or application/json): this server reads and writes FHIR in JSON only.");
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
        // JSON holds a control character in a string only escaped (\u0000 to \u001f, \b, \f, \t, \r, \n); a body without
        // any of those escapes is read once, by the FHIR parser.
        if (!ControlEscape().IsMatch(text))
        {
            return;
        }

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
        if (RequestedFormat(http.Request) is { Length: > 0 } format)
        {
            return format == "application/json" ? format : MediaType;
        }

        // application/json only when the caller accepts it and not FHIR's own type (nor its pre-R4 name).
        return MediaTypeHeaderValue.TryParseList(http.Request.Headers.Accept, out var ranges)
            && ranges.Any(range => range.Quality is not 0 && Is(range, "application/json"))
            && !ranges.Any(range => range.Quality is not 0 && (Is(range, MediaType) || Is(range, "application/json+fhir")))
            ? "application/json"
            : MediaType;
    }

    private static bool Is(MediaTypeHeaderValue range, string mediaType) =>
        range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// FHIR's content negotiation (R4, http.html, "Content Types and encodings"): <c>_format</c> overrides Accept. This
    /// server writes JSON only, so a caller that asks for XML or Turtle, or accepts no JSON type at all, gets a 406
    /// rather than a body it cannot read.
    /// </summary>
    public static void EnsureAcceptable(HttpRequest request)
    {
        if (RequestedFormat(request) is { } format)
        {
            if (format.Length > 0 && !JsonFormats.Contains(format))
            {
                throw new MediaTypeException(
                    StatusCodes.Status406NotAcceptable,
                    $"_format={format} is not served: this server returns FHIR in JSON only (_format=json, {MediaType} or application/json).");
            }

            return;
        }

        if (request.Headers.Accept.Count == 0
            || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges)
            || ranges.Any(range => range.Quality is not 0 && AcceptableRanges.Contains(range.MediaType.Value ?? "")))
        {
            return;
        }

        throw new MediaTypeException(
            StatusCodes.Status406NotAcceptable,
            $"Accept names no media type this server writes: it returns FHIR in JSON only ({MediaType} or application/json).");
    }

    private static readonly HashSet<string> JsonFormats = new(StringComparer.OrdinalIgnoreCase) { "json", MediaType, "application/json", "application/json+fhir" };

    private static readonly HashSet<string> AcceptableRanges = new(StringComparer.OrdinalIgnoreCase) { "*/*", "application/*", MediaType, "application/json", "application/json+fhir" };

    /// <summary>
    /// The <c>_format</c> parameter without its media type parameters (<c>;fhirVersion=4.0</c>), or null when absent. An
    /// unescaped <c>+</c> in a query reads as a space, so <c>application/fhir json</c> is taken as the caller meant it.
    /// </summary>
    private static string? RequestedFormat(HttpRequest request)
    {
        if (!request.Query.TryGetValue("_format", out var values))
        {
            return null;
        }

        var format = values.ToString().Split(';')[0].Trim();
        return format.Replace(' ', '+').ToLowerInvariant();
    }

    [GeneratedRegex(@"\\(u00[01]|[bf])", RegexOptions.IgnoreCase)]
    private static partial Regex ControlEscape();
}
