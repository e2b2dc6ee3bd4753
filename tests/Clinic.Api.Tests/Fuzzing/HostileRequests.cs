using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Fuzzing;

/// <summary>One operation of the OpenAPI document: method, path template, its parameters and body schema.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonElement? BodySchema);

public sealed record FuzzParameter(string Name, string In, JsonElement Schema);

/// <summary>
/// Builds hostile requests from the app's own OpenAPI document, from a fixed seed so a failure can be replayed:
/// random, malformed and boundary values for every path, query and header parameter and every body property
/// (wrong types, huge and just-over-limit strings, impossible dates, unknown time zones, deep JSON, broken JSON).
/// Known ids are mixed in, so requests also reach past the "not found" checks.
/// </summary>
public sealed class HostileRequests(JsonElement document, int seed, IReadOnlyList<Guid> knownIds)
{
    private static readonly string[] Strings =
    [
        "", " ", "a", "null", "true", "0", "-1", "1e309", "NaN", "\u0000", "%00", "../../etc/passwd", "<script>alert(1)</script>",
        "' OR 1=1 --", "\u202e\u0645\u0631\u062d\u0628\u0627", "😀", "\ud800", "{}", "[]", "2026-02-30", "2026-03-10T25:00:00Z",
        "America/New_York", "Mars/Olympus", "UTC", "Etc/GMT+14", "+14:00", "monday", "daily", "weekly", "once", "Active", "client",
    ];

    private static readonly string[] Dates =
    [
        "2026-03-10", "2026-02-29", "2026-02-30", "0001-01-01", "9999-12-31", "10000-01-01", "2026-3-1", "20260310", "2026-03-10T12:00:00Z", "",
    ];

    private static readonly string[] Instants =
    [
        "2026-03-10T12:00:00Z", "2026-03-10T12:00:00+14:00", "2026-03-10T12:00:00-12:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2026-03-08T02:30:00", "2026-03-10", "2026-13-01T00:00:00Z", "1773144000", "", "2026-03-10T12:00:00.123456789Z",
    ];

    private readonly Random random = new(seed);
    private readonly JsonElement schemas = document.GetProperty("components").TryGetProperty("schemas", out var s) ? s : default;

    public IReadOnlyList<FuzzOperation> Operations { get; } = ReadOperations(document);

    public HttpRequestMessage Next(out FuzzOperation operation)
    {
        operation = Operations[random.Next(Operations.Count)];
        var path = operation.Path;
        var query = new List<string>();
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), "/");
        foreach (var parameter in operation.Parameters)
        {
            var value = Value(parameter.Schema, depth: 0);
            var text = value is JsonValue v && v.TryGetValue<string>(out var str) ? str : value?.ToJsonString() ?? "";
            switch (parameter.In)
            {
                case "path":
                    // The in-memory test server refuses a NUL in the path before the app sees it (Kestrel answers 400).
                    text = text.Replace("\0", "", StringComparison.Ordinal);
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(text.Length == 0 ? "x" : text), StringComparison.Ordinal);
                    break;
                case "query" when random.Next(4) > 0:
                    query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(text)}");
                    break;
                case "header":
                    request.Headers.TryAddWithoutValidation(parameter.Name, HeaderValue());
                    break;
            }
        }

        if (random.Next(3) == 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", HeaderValue());
        }

        if (random.Next(4) == 0)
        {
            request.Headers.TryAddWithoutValidation("If-Match", Pick(["\"1\"", "W/\"1\"", "*", "\"999999999999\"", "garbage", "\"\"", "\"-1\""]));
        }

        request.RequestUri = new Uri(path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), UriKind.Relative);
        if (operation.BodySchema is { } schema || random.Next(10) == 0)
        {
            request.Content = new StringContent(Body(operation.BodySchema), Encoding.UTF8, random.Next(20) == 0 ? "text/plain" : "application/json");
        }

        return request;
    }

    private string Body(JsonElement? schema) => random.Next(12) switch
    {
        0 => "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}",
        1 => Pick(["", "{", "nul", "[]", "\"text\"", "42", "{\"completedAt\":}", "{}", "null", "{\"__proto__\":{}}"]),
        2 => "{" + string.Join(',', Enumerable.Range(0, 2000).Select(i => $"\"p{i}\":{i}")) + "}",
        _ => schema is { } s ? Value(s, depth: 0)?.ToJsonString() ?? "null" : "{}",
    };

    private JsonNode? Value(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        if (random.Next(8) == 0 || depth > 6)
        {
            return Hostile();
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0 && random.Next(3) > 0)
        {
            return JsonNode.Parse(values[random.Next(values.GetArrayLength())].GetRawText());
        }

        var type = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (type is null && (schema.TryGetProperty("oneOf", out var choices) || schema.TryGetProperty("anyOf", out choices) || schema.TryGetProperty("allOf", out choices)))
        {
            return Value(choices[random.Next(choices.GetArrayLength())], depth + 1);
        }

        switch (type)
        {
            case "object" or null when schema.TryGetProperty("properties", out var properties):
                var obj = new JsonObject();
                foreach (var property in properties.EnumerateObject())
                {
                    if (random.Next(5) > 0)
                    {
                        obj[property.Name] = Value(property.Value, depth + 1);
                    }
                }

                return obj;
            case "array":
                var array = new JsonArray();
                var count = random.Next(6) == 0 ? random.Next(200) : random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    array.Add(schema.TryGetProperty("items", out var items) ? Value(items, depth + 1) : Hostile());
                }

                return array;
            case "integer":
                return Pick<JsonNode>([0, 1, -1, 10, 11, 240, 241, int.MaxValue, int.MinValue, JsonValue.Create(long.MaxValue), JsonValue.Create(1.5), random.Next(-5, 300)]);
            case "number":
                return Pick<JsonNode>([0, 1.5, -1e300, JsonValue.Create(double.MaxValue), 10]);
            case "boolean":
                return random.Next(2) == 0;
            case "string":
                return format switch
                {
                    "uuid" => Id(),
                    "date" => Pick(Dates),
                    "date-time" => Pick(Instants),
                    _ when schema.TryGetProperty("maxLength", out var max) => Text(max.GetInt32()),
                    _ => random.Next(3) == 0 ? Text(random.Next(1, 5000)) : Pick(Strings),
                };
            default:
                return Hostile();
        }
    }

    private JsonNode? Hostile() => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Pick(Strings)),
        2 => JsonValue.Create(random.Next()),
        3 => new JsonArray(1, "two", null),
        4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = Pick(Strings) } },
        5 => JsonValue.Create(Text(random.Next(1, 70_000))),
        6 => JsonValue.Create(-0.0),
        7 => JsonValue.Create(Pick(Instants)),
        _ => JsonValue.Create(Id()),
    };

    /// <summary>A string just under, at or just over a limit.</summary>
    private string Text(int limit) => new(Pick(['x', 'é', ' ', '字']), Math.Max(0, limit + random.Next(-1, 2)));

    private string Id() => random.Next(4) switch
    {
        0 or 1 when knownIds.Count > 0 => knownIds[random.Next(knownIds.Count)].ToString(),
        2 => Guid.NewGuid().ToString(),
        _ => Pick(["not-a-guid", "00000000-0000-0000-0000-000000000000", "123", "", "{8c7d3e5a-0000-4000-8000-000000000001}", Guid.NewGuid().ToString("N")]),
    };

    private string HeaderValue() => random.Next(6) switch
    {
        0 => "",
        1 => new string('k', 128),
        2 => new string('k', 129),
        3 => new string('k', random.Next(1000, 9000)),
        4 => "key with spaces and ünïcode",
        _ => Guid.NewGuid().ToString(),
    };

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    private static List<FuzzOperation> ReadOperations(JsonElement document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var parameters = new List<FuzzParameter>();
                if (method.Value.TryGetProperty("parameters", out var list))
                {
                    foreach (var parameter in list.EnumerateArray())
                    {
                        parameters.Add(new FuzzParameter(
                            parameter.GetProperty("name").GetString()!,
                            parameter.GetProperty("in").GetString()!,
                            parameter.TryGetProperty("schema", out var schema) ? schema : default));
                    }
                }

                JsonElement? body = null;
                if (method.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } content
                    && content.TryGetProperty("schema", out var bodySchema))
                {
                    body = bodySchema;
                }

                operations.Add(new FuzzOperation(method.Name, path.Name, parameters, body));
            }
        }

        return operations;
    }

    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public static int RequestCount(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
