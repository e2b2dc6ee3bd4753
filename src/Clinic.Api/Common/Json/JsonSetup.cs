using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Features.Plans;
using Clinic.Domain.Plans;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace Clinic.Api.Common.Json;

/// <summary>
/// The wire format: camelCase, dates <c>yyyy-MM-dd</c>, instants ISO 8601 (any offset accepted, written in UTC),
/// enums as snake_case words, unknown properties refused, nesting limited.
/// </summary>
public static class JsonSetup
{
    public const int MaxDepth = 32;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.MaxDepth = MaxDepth;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.Converters.Add(new InstantWithAnyOffsetConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

        // Schedule kinds are camelCase words (daily, weekly, once, asNeeded), as the schedule's wire format has always
        // spelled them; every other enum is snake_case.
        options.Converters.Add(new JsonStringEnumConverter<ScheduleKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new ScheduleWriter());
        options.Converters.Add(new TextWithoutNulConverter());
    }

    /// <summary>
    /// PostgreSQL text cannot hold U+0000, so a string carrying one would fail at the database; it is refused
    /// here instead, as a 400 naming the field.
    /// </summary>
    private sealed class TextWithoutNulConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Expected a string.");
            }

            var text = reader.GetString()!;
            return text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("Text must not contain the NUL character (U+0000).") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Phones send their local offset (<c>2026-03-09T22:30:00-04:00</c>); the instant is what counts.</summary>
    private sealed class InstantWithAnyOffsetConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Expected an ISO 8601 instant string.");
            }

            var text = reader.GetString()!;
            return WireFormats.ParseInstant(text) ?? throw new JsonException($"'{text}' is not an ISO 8601 instant with an offset.");
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class ScheduleWriter : JsonConverter<Schedule>
    {
        public override Schedule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new JsonException("Schedules are read through ScheduleModel.");

        public override void Write(Utf8JsonWriter writer, Schedule value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, ScheduleModel.From(value), options);
    }
}
