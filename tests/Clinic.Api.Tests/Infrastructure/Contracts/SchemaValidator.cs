using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clinic.Api.Tests.Infrastructure.Contracts;

/// <summary>
/// A strict validator of JSON values against OpenAPI 3.0 schemas, for the subset the API's document uses: type with
/// nullable, properties, required, additionalProperties, items, enum, allOf/oneOf/anyOf, $ref to components, the
/// string, number and array bounds, and the formats uuid, date, date-time, int32, int64 and double. A keyword or
/// format it does not know is itself reported, so the document cannot outgrow the validator unnoticed.
/// </summary>
public sealed partial class SchemaValidator(JsonElement components)
{
    private static readonly HashSet<string> Annotations =
        ["description", "example", "examples", "title", "readOnly", "writeOnly", "deprecated", "default", "externalDocs", "xml"];

    private static readonly HashSet<string> Keywords =
    [
        "$ref", "type", "nullable", "format", "enum", "properties", "required", "additionalProperties", "items", "allOf", "oneOf", "anyOf",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "uniqueItems",
    ];

    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement value, string path = "$")
    {
        var errors = new List<string>();
        Check(schema, value, path, errors, depth: 0);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: schema nesting too deep (a $ref cycle?)");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: the schema is not an object");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Keywords.Contains(keyword.Name) && !Annotations.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                errors.Add($"{path}: the validator does not know the keyword '{keyword.Name}'");
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            // OpenAPI 3.0: a $ref replaces the schema; its siblings are ignored.
            Check(Resolve(reference.GetString()!, path, errors), value, path, errors, depth + 1);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !CheckType(type.GetString()!, schema, value, path, errors))
        {
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {Show(value)} is not one of {allowed.GetRawText()}");
        }

        CheckComposition(schema, value, path, errors, depth);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors, depth);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, path, errors);
                break;
        }
    }

    private static bool CheckType(string type, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var matches = type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number),
            _ => false,
        };
        if (!matches)
        {
            var nullable = schema.TryGetProperty("nullable", out var n) && n.GetBoolean() ? " or null" : "";
            errors.Add(value.ValueKind == JsonValueKind.Null && nullable.Length == 0
                ? $"{path}: null where the schema says {type} and is not nullable"
                : $"{path}: {Show(value)} is not of type {type}{nullable}");
        }

        return matches;
    }

    private void CheckComposition(JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(part, value, path, errors, depth + 1);
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var passing = oneOf.EnumerateArray().Count(part => Validate(part, value, path).Count == 0);
            if (passing != 1)
            {
                errors.Add($"{path}: {Show(value)} matches {passing} of the oneOf schemas, not exactly one");
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(part => Validate(part, value, path).Count == 0))
        {
            errors.Add($"{path}: {Show(value)} matches none of the anyOf schemas");
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: the required property '{name}' is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, propertyPath, errors, depth + 1);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{propertyPath}: the property is not in the schema, which allows no others");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, propertyPath, errors, depth + 1);
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string path, List<string> errors, int depth)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{path}: {count} items, fewer than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{path}: {count} items, more than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean()
            && value.EnumerateArray().Select(item => item.GetRawText()).Distinct(StringComparer.Ordinal).Count() != count)
        {
            errors.Add($"{path}: the items are not unique");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{index++}]", errors, depth + 1);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            errors.Add($"{path}: shorter than {min.GetInt32()} characters");
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            errors.Add($"{path}: longer than {max.GetInt32()} characters");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: \"{text}\" does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var valid = format.GetString() switch
            {
                "uuid" => Guid.TryParseExact(text, "D", out _),
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date-time" => DateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                var other => Unknown(other),
            };
            if (!valid)
            {
                errors.Add($"{path}: \"{text}\" is not a valid {format.GetString()}");
            }
        }

        bool Unknown(string? other)
        {
            errors.Add($"{path}: the validator does not know the string format '{other}'");
            return true;
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var number = value.GetDouble();
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
        {
            errors.Add($"{path}: {number} is below the minimum {min.GetDouble()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
        {
            errors.Add($"{path}: {number} is above the maximum {max.GetDouble()}");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var valid = format.GetString() switch
            {
                "int32" => value.TryGetInt32(out _),
                "int64" => value.TryGetInt64(out _),
                "double" or "float" => true,
                var other => Unknown(other),
            };
            if (!valid)
            {
                errors.Add($"{path}: {value.GetRawText()} does not fit {format.GetString()}");
            }
        }

        bool Unknown(string? other)
        {
            errors.Add($"{path}: the validator does not know the number format '{other}'");
            return true;
        }
    }

    private JsonElement Resolve(string reference, string path, List<string> errors)
    {
        if (reference.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            && components.TryGetProperty("schemas", out var schemas)
            && schemas.TryGetProperty(reference[ComponentPrefix.Length..], out var target))
        {
            return target;
        }

        errors.Add($"{path}: the reference {reference} does not resolve");
        return JsonDocument.Parse("{}").RootElement;
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.None, 1000)]
    private static partial Regex DateTime();
}
