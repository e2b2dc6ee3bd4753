using System.Text.Json;
using Clinic.Api.Tests.Infrastructure.Contracts;

namespace Clinic.Api.Tests.OpenApi;

/// <summary>The schema subset the contract check understands, each keyword shown to accept and to refuse.</summary>
public sealed class SchemaValidatorTests
{
    private static readonly SchemaValidator Validator = new(Json("""
        { "schemas": {
            "Window": { "type": "object", "properties": { "from": { "type": "string", "format": "date" } }, "required": ["from"], "additionalProperties": false },
            "Kind": { "type": "string", "enum": ["daily", "weekly"] } } }
        """));

    [Theory]
    [InlineData("""{ "type": "integer", "format": "int32" }""", "3", true)]
    [InlineData("""{ "type": "integer", "format": "int32" }""", "3.5", false)]
    [InlineData("""{ "type": "integer", "format": "int32" }""", "4294967296", false)]
    [InlineData("""{ "type": "number", "format": "double" }""", "0.875", true)]
    [InlineData("""{ "type": "string", "format": "uuid" }""", "\"5f1c7f43-1f5e-4c57-9d55-3f0f5b0c9a11\"", true)]
    [InlineData("""{ "type": "string", "format": "uuid" }""", "\"not-a-uuid\"", false)]
    [InlineData("""{ "type": "string", "format": "date" }""", "\"2026-03-10\"", true)]
    [InlineData("""{ "type": "string", "format": "date" }""", "\"2026-02-30\"", false)]
    [InlineData("""{ "type": "string", "format": "date-time" }""", "\"2026-03-10T12:00:00Z\"", true)]
    [InlineData("""{ "type": "string", "format": "date-time" }""", "\"2026-03-10 12:00\"", false)]
    [InlineData("""{ "type": "string", "maxLength": 3 }""", "\"abcd\"", false)]
    [InlineData("""{ "type": "boolean", "nullable": true }""", "null", true)]
    [InlineData("""{ "type": "boolean" }""", "null", false)]
    [InlineData("""{ "$ref": "#/components/schemas/Kind" }""", "\"weekly\"", true)]
    [InlineData("""{ "$ref": "#/components/schemas/Kind" }""", "\"monthly\"", false)]
    [InlineData("""{ "type": "object", "nullable": true, "allOf": [{ "$ref": "#/components/schemas/Window" }] }""", "null", true)]
    [InlineData("""{ "type": "object", "nullable": true, "allOf": [{ "$ref": "#/components/schemas/Window" }] }""", "{\"from\":\"2026-03-02\"}", true)]
    [InlineData("""{ "type": "object", "nullable": true, "allOf": [{ "$ref": "#/components/schemas/Window" }] }""", "{}", false)]
    [InlineData("""{ "$ref": "#/components/schemas/Window" }""", "{\"from\":\"2026-03-02\",\"to\":\"2026-03-09\"}", false)]
    [InlineData("""{ "type": "object", "additionalProperties": { "type": "integer" } }""", "{\"a\":1,\"b\":2}", true)]
    [InlineData("""{ "type": "object", "additionalProperties": { "type": "integer" } }""", "{\"a\":\"1\"}", false)]
    [InlineData("""{ "type": "array", "items": { "type": "string" }, "uniqueItems": true }""", "[\"a\",\"b\"]", true)]
    [InlineData("""{ "type": "array", "items": { "type": "string" }, "uniqueItems": true }""", "[\"a\",\"a\"]", false)]
    [InlineData("""{ "oneOf": [{ "type": "string" }, { "type": "integer" }] }""", "1", true)]
    [InlineData("""{ "oneOf": [{ "type": "number" }, { "type": "integer" }] }""", "1", false)]
    [InlineData("""{ "anyOf": [{ "type": "string" }, { "type": "integer" }] }""", "true", false)]
    public void Values_conform_or_not(string schema, string value, bool conforms)
    {
        var errors = Validator.Validate(Json(schema), Json(value));

        Assert.True(conforms == (errors.Count == 0), $"{value} against {schema}: {string.Join("; ", errors)}");
    }

    [Theory]
    [InlineData("""{ "type": "string", "const": "a" }""")]
    [InlineData("""{ "type": "string", "format": "email" }""")]
    [InlineData("""{ "$ref": "#/components/schemas/Missing" }""")]
    public void What_the_validator_cannot_check_is_reported_not_passed(string schema)
    {
        Assert.NotEmpty(Validator.Validate(Json(schema), Json("\"a\"")));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
