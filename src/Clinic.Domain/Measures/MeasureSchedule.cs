using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using NodaTime;
using NodaTime.TimeZones;

namespace Clinic.Domain.Measures;

/// <summary>When a schedule asks for a measure. The wire names are snake_case (<c>every_n_weeks</c>).</summary>
public enum MeasureScheduleKind
{
    /// <summary>Once, from the start date until answered.</summary>
    Once,

    /// <summary>Every N weeks from the start date: each period asks for one response.</summary>
    EveryNWeeks,

    /// <summary>Before each session: from the same local time two days before the client's next session until it starts.</summary>
    BeforeEachSession,
}

/// <summary>One time a schedule asks for a response: from <see cref="OpensAt"/> until <see cref="ClosesAt"/> (excluded; null: until answered).</summary>
public sealed record MeasureOccasion(Instant OpensAt, Instant? ClosesAt)
{
    /// <summary>Whether a response answered at this instant answers the occasion.</summary>
    public bool IsAnsweredBy(Instant answeredAt) => answeredAt >= OpensAt && (ClosesAt is null || answeredAt < ClosesAt);
}

/// <summary>
/// A therapist's (or the EHR's) request that a client complete a measure once, every N weeks, or before each session.
/// All dates are local to the client's time zone, so a weekly measure opens at midnight local time whatever the
/// daylight saving time; docs/MEASURES.md defines when each kind is due.
/// </summary>
public sealed class MeasureSchedule : Entity
{
    public const int MaxEveryWeeks = 52;

    /// <summary>How far before a session a before-each-session measure opens, in local days at the session's local time.</summary>
    public const int DaysBeforeSession = 2;

    /// <summary>How far from today a start date may lie, either way.</summary>
    public static readonly Period MaxStartOffset = Period.FromDays(366);

    private MeasureSchedule(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public string MeasureKey { get; private set; } = "";

    public MeasureScheduleKind Kind { get; private set; }

    /// <summary>N of an every-N-weeks schedule; null for the other kinds.</summary>
    public int? EveryWeeks { get; private set; }

    /// <summary>The local date from which the schedule asks (the anchor of its periods).</summary>
    public LocalDate StartDate { get; private set; }

    public Instant CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>When staff stopped the schedule; it asks for nothing from then on.</summary>
    public Instant? StoppedAt { get; private set; }

    public static MeasureSchedule Start(
        Client client, Instrument instrument, MeasureScheduleKind kind, int? everyWeeks, LocalDate? startDate, string createdBy, Instant now)
    {
        if (client.Status == ClientStatus.Discharged)
        {
            throw new DomainException("client_discharged", "A discharged client cannot be asked for measures.", "clientId");
        }

        if ((kind == MeasureScheduleKind.EveryNWeeks) != everyWeeks.HasValue)
        {
            throw new DomainException("every_weeks", "everyWeeks is required for every_n_weeks schedules and only for them.", "everyWeeks");
        }

        if (everyWeeks is < 1 or > MaxEveryWeeks)
        {
            throw new DomainException("out_of_range", $"everyWeeks must be between 1 and {MaxEveryWeeks}.", "everyWeeks");
        }

        var today = now.InZone(client.Zone).Date;
        var start = startDate ?? today;
        if (start < today - MaxStartOffset || start > today + MaxStartOffset)
        {
            throw new DomainException("start_date_out_of_range", $"startDate must lie within {MaxStartOffset.Days} days of today.", "startDate");
        }

        return new MeasureSchedule(NewId())
        {
            PracticeId = client.PracticeId,
            ClientId = client.Id,
            MeasureKey = instrument.Key,
            Kind = kind,
            EveryWeeks = everyWeeks,
            StartDate = start,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }

    public bool IsStopped(Instant now) => StoppedAt <= now;

    /// <summary>Stops the schedule; stopping it again changes nothing.</summary>
    public void Stop(Instant now) => StoppedAt ??= now;

    /// <summary>
    /// The occasion in progress at <paramref name="now"/> in the client's zone, or null when the schedule asks for
    /// nothing now (stopped, not started, or no session coming). <paramref name="nextSessionAt"/> is the client's next
    /// session at or after now, for before-each-session schedules.
    /// </summary>
    public MeasureOccasion? OccasionAt(Instant now, DateTimeZone zone, Instant? nextSessionAt)
    {
        if (IsStopped(now))
        {
            return null;
        }

        var startsAt = zone.AtStartOfDay(StartDate).ToInstant();
        switch (Kind)
        {
            case MeasureScheduleKind.Once:
                return now >= startsAt ? new MeasureOccasion(startsAt, null) : null;

            case MeasureScheduleKind.EveryNWeeks:
                var today = now.InZone(zone).Date;
                if (today < StartDate)
                {
                    return null;
                }

                var length = 7 * EveryWeeks!.Value;
                var opens = StartDate.PlusDays(Period.DaysBetween(StartDate, today) / length * length);
                return new MeasureOccasion(zone.AtStartOfDay(opens).ToInstant(), zone.AtStartOfDay(opens.PlusDays(length)).ToInstant());

            case MeasureScheduleKind.BeforeEachSession:
                if (nextSessionAt is not { } session || session < now)
                {
                    return null;
                }

                // The same local time two days before: a wall-clock distance, so across a change of the clocks it is 47 or 49 hours.
                var before = session.InZone(zone).LocalDateTime.PlusDays(-DaysBeforeSession);
                var opensAt = Instant.Max(zone.ResolveLocal(before, Resolvers.LenientResolver).ToInstant(), startsAt);
                return now >= opensAt && opensAt < session ? new MeasureOccasion(opensAt, session) : null;

            default:
                throw new InvalidOperationException($"Unknown schedule kind {Kind}.");
        }
    }

    /// <summary>
    /// The occasion that is due at <paramref name="now"/>: in progress and not answered by any of the client's
    /// responses to this measure (<paramref name="answeredAt"/>); null when nothing is due.
    /// </summary>
    public MeasureOccasion? DueAt(Instant now, DateTimeZone zone, Instant? nextSessionAt, IEnumerable<Instant> answeredAt)
    {
        var occasion = OccasionAt(now, zone, nextSessionAt);
        return occasion is not null && !answeredAt.Any(occasion.IsAnsweredBy) ? occasion : null;
    }
}
