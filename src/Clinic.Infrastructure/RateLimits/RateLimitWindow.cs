using NodaTime;

namespace Clinic.Infrastructure.RateLimits;

/// <summary>How many requests one caller (<see cref="Key"/>) made in one fixed window, shared by every API process.</summary>
public sealed class RateLimitWindow
{
    public required string Key { get; init; }

    public Instant WindowStart { get; init; }

    public int Hits { get; init; }
}
