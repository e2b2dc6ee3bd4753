using Clinic.Domain.Clients;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>What a schedule is doing now: asking (active), done (a once schedule that was answered) or stopped.</summary>
public enum MeasureScheduleStatus
{
    Active,
    Completed,
    Stopped,
}

/// <summary>
/// A measure schedule with what it asks for now: <see cref="DueSince"/> and <see cref="DueBy"/> bound the occasion in
/// progress while it has no response (both null when nothing is due; <see cref="DueBy"/> null: until answered).
/// </summary>
public sealed record MeasureScheduleResponse(
    Guid Id,
    Guid ClientId,
    string MeasureKey,
    MeasureScheduleKind Kind,
    int? EveryWeeks,
    LocalDate StartDate,
    Instant CreatedAt,
    Instant? StoppedAt,
    MeasureScheduleStatus Status,
    Instant? DueSince,
    Instant? DueBy);

/// <summary>
/// Works out what a client's schedules ask for at an instant, in the client's zone: their occasions in progress, and
/// which of them no response answers yet. Loads the schedules, the client's next session and the answer times in
/// two or three small queries.
/// </summary>
public static class MeasureDue
{
    public sealed record ScheduleState(MeasureSchedule Schedule, MeasureOccasion? Occasion, MeasureOccasion? Due);

    public static async Task<IReadOnlyList<ScheduleState>> StatesAsync(
        ClinicDbContext db, IQueryable<HomeworkPlan> visiblePlans, Client client, Instant now, CancellationToken cancellationToken)
    {
        var schedules = await db.MeasureSchedules.AsNoTracking()
            .Where(s => s.ClientId == client.Id)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return schedules.Count == 0 ? [] : await StatesOfAsync(db, visiblePlans, client, schedules, now, cancellationToken);
    }

    /// <summary>What the given schedules of the client ask for at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<ScheduleState>> StatesOfAsync(
        ClinicDbContext db, IQueryable<HomeworkPlan> visiblePlans, Client client, IReadOnlyList<MeasureSchedule> schedules, Instant now, CancellationToken cancellationToken)
    {
        // The next session as session prep reads it: the earliest nextSessionAt still to come on a plan not cancelled.
        var nextSessionAt = await visiblePlans
            .Where(p => p.ClientId == client.Id && p.Status != PlanStatus.Cancelled && p.NextSessionAt >= now)
            .MinAsync(p => p.NextSessionAt, cancellationToken);
        var keys = schedules.Select(s => s.MeasureKey).Distinct().ToList();
        var answered = (await db.MeasureResponses.AsNoTracking()
                .Where(r => r.ClientId == client.Id && keys.Contains(r.MeasureKey))
                .Select(r => new { r.MeasureKey, r.AnsweredAt })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.MeasureKey, r => r.AnsweredAt);

        var zone = client.Zone;
        return [.. schedules.Select(s => new ScheduleState(s, s.OccasionAt(now, zone, nextSessionAt), s.DueAt(now, zone, nextSessionAt, answered[s.MeasureKey])))];
    }

    public static MeasureScheduleResponse ToResponse(ScheduleState state, Instant now)
    {
        var s = state.Schedule;
        var status = s.IsStopped(now) ? MeasureScheduleStatus.Stopped
            : s.Kind == MeasureScheduleKind.Once && state.Occasion is not null && state.Due is null ? MeasureScheduleStatus.Completed
            : MeasureScheduleStatus.Active;
        return new MeasureScheduleResponse(
            s.Id, s.ClientId, s.MeasureKey, s.Kind, s.EveryWeeks, s.StartDate, s.CreatedAt, s.StoppedAt, status, state.Due?.OpensAt, state.Due?.ClosesAt);
    }
}
