using NodaTime;

namespace Clinic.Domain.Common;

/// <summary>IANA time zones, checked against the tz database NodaTime ships.</summary>
public static class TimeZones
{
    public static bool IsKnown(string? id) => id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    public static DateTimeZone Get(string id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
        ?? throw new DomainException("unknown_time_zone", $"'{id}' is not an IANA time zone.", "timeZone");
}
