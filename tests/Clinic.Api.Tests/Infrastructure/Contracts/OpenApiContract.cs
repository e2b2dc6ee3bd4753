using System.Globalization;
using System.Text.Json;

namespace Clinic.Api.Tests.Infrastructure.Contracts;

/// <summary>An HTTP answer as the contract sees it: what was asked, the status, the headers and the body.</summary>
public sealed record ObservedResponse(string Method, string Path, int Status, IReadOnlyDictionary<string, string> Headers, string? MediaType, string Body);

/// <summary>
/// The served OpenAPI document as a contract: finds the operation a request went to (path template and method) and
/// says how its answer departs from what the document promises for it: a status it does not list, a required
/// header missing, a body of another media type, or JSON that breaks the response schema.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonElement paths;
    private readonly SchemaValidator schemas;

    public OpenApiContract(JsonElement document)
    {
        paths = document.GetProperty("paths");
        schemas = new SchemaValidator(document.TryGetProperty("components", out var components) ? components : default);
    }

    public static OpenApiContract Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>The documented path template a request path falls under, preferring literal segments over parameters.</summary>
    public string? TemplateOf(string path)
    {
        var segments = Segments(path);
        return paths.EnumerateObject()
            .Select(p => (Template: p.Name, Score: Score(Segments(p.Name), segments)))
            .Where(p => p.Score >= 0)
            .OrderByDescending(p => p.Score)
            .Select(p => p.Template)
            .FirstOrDefault();
    }

    /// <summary>Every way the answer departs from the document; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(ObservedResponse response)
    {
        var template = TemplateOf(response.Path);
        // HEAD is answered wherever GET is, with the GET's status and headers and no body (RFC 9110, section 9.3.2).
        var method = response.Method == "HEAD" ? "get" : response.Method.ToLowerInvariant();
        if (template is null || !paths.GetProperty(template).TryGetProperty(method, out var operation))
        {
            // The document promises nothing about operations it does not list; the server must then say so.
            return response.Status is 404 or 405
                ? []
                : [$"{response.Method} {response.Path} is not an operation of the document, yet it answered {response.Status}"];
        }

        var name = operation.TryGetProperty("operationId", out var id) ? id.GetString() : $"{response.Method} {template}";
        var errors = new List<string>();
        if (!TryFindResponse(operation, response.Status, out var documented))
        {
            var listed = string.Join(", ", operation.GetProperty("responses").EnumerateObject().Select(r => r.Name));
            return [$"{name}: status {response.Status} is not documented (documented: {listed})"];
        }

        CheckHeaders(documented, response, errors);
        CheckBody(documented, response, errors);
        return [.. errors.Select(e => $"{name} {response.Status}: {e}")];
    }

    private static bool TryFindResponse(JsonElement operation, int status, out JsonElement response)
    {
        var responses = operation.GetProperty("responses");
        var code = status.ToString(CultureInfo.InvariantCulture);
        return responses.TryGetProperty(code, out response)
            || responses.TryGetProperty($"{code[0]}XX", out response)
            || responses.TryGetProperty("default", out response);
    }

    private void CheckHeaders(JsonElement documented, ObservedResponse response, List<string> errors)
    {
        if (!documented.TryGetProperty("headers", out var headers))
        {
            return;
        }

        foreach (var header in headers.EnumerateObject())
        {
            var present = response.Headers.TryGetValue(header.Name, out var value);
            if (!present)
            {
                if (header.Value.TryGetProperty("required", out var required) && required.GetBoolean())
                {
                    errors.Add($"the required header {header.Name} is missing");
                }

                continue;
            }

            if (header.Value.TryGetProperty("schema", out var schema))
            {
                var asJson = schema.TryGetProperty("type", out var type) && type.GetString() is "integer" or "number" or "boolean" && IsJson(value!)
                    ? JsonDocument.Parse(value!).RootElement
                    : JsonSerializer.SerializeToElement(value);
                errors.AddRange(schemas.Validate(schema, asJson, $"header {header.Name}"));
            }
        }
    }

    private void CheckBody(JsonElement documented, ObservedResponse response, List<string> errors)
    {
        var hasContent = documented.TryGetProperty("content", out var content) && content.EnumerateObject().Any();
        if (response.Method == "HEAD" && response.Body.Length > 0)
        {
            errors.Add("a HEAD answer carries a body");
            return;
        }

        if (response.Body.Length == 0)
        {
            if (hasContent && response.Method != "HEAD")
            {
                errors.Add($"the document promises a body ({string.Join(", ", content.EnumerateObject().Select(c => c.Name))}) but none was sent");
            }

            return;
        }

        if (!hasContent)
        {
            errors.Add($"a body of {response.MediaType ?? "no declared type"} was sent where the document declares none");
            return;
        }

        if (response.MediaType is null || !content.TryGetProperty(response.MediaType, out var media))
        {
            errors.Add($"the body is {response.MediaType ?? "of no declared type"}, the document declares {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}");
            return;
        }

        if (!IsJsonMediaType(response.MediaType) || !media.TryGetProperty("schema", out var schema))
        {
            return;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(response.Body).RootElement;
        }
        catch (JsonException exception)
        {
            errors.Add($"the {response.MediaType} body is not JSON: {exception.Message}");
            return;
        }

        errors.AddRange(schemas.Validate(schema, body));
    }

    private static int Score(string[] template, string[] path)
    {
        if (template.Length != path.Length)
        {
            return -1;
        }

        var literals = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{') && template[i].EndsWith('}'))
            {
                continue;
            }

            if (!string.Equals(template[i], Uri.UnescapeDataString(path[i]), StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            literals++;
        }

        return literals;
    }

    private static string[] Segments(string path) => path.Length > 1 ? path.TrimEnd('/').Split('/') : [""];

    private static bool IsJsonMediaType(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool IsJson(string text)
    {
        try
        {
            JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }
}
