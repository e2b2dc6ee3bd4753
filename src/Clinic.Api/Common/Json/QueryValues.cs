using NodaTime;
using NodaTime.Text;

namespace Clinic.Api.Common.Json;

/// <summary>Parsing of query-string values, the same formats the JSON bodies use.</summary>
public static class QueryValues
{
    public static bool TryParseInstant(string text, out Instant instant)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        instant = parsed.Success ? parsed.Value.ToInstant() : default;
        return parsed.Success;
    }

    public static bool TryParseDate(string text, out LocalDate date)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        date = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }
}
