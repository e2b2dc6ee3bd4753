using NodaTime;

namespace Clinic.Infrastructure.Maintenance;

/// <summary>
/// When a periodic job last ran and is next due. One row per job, shared by every API process: the process that
/// moves <see cref="NextRunAt"/> forward runs that round, so a job runs once per period however many replicas
/// there are.
/// </summary>
public sealed class ScheduledJob
{
    public required string Name { get; init; }

    public Instant NextRunAt { get; init; }

    public Instant? LastRunAt { get; init; }

    /// <summary>Which process ran it last (its machine name and process id), for operators.</summary>
    public string? LastRunBy { get; init; }

    public int Runs { get; init; }
}
