using Clinic.Api.Common.Http;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Api.Features.Plans;

public sealed record PlanResponse(
    Guid Id,
    Guid ClientId,
    Guid TherapistId,
    string Title,
    string? Goal,
    LocalDate StartDate,
    LocalDate EndDate,
    Instant? NextSessionAt,
    PlanStatus Status,
    string? ExternalId,
    string ETag,
    IReadOnlyList<PauseResponse> Pauses,
    IReadOnlyList<AssignmentResponse> Assignments)
{
    public static PlanResponse From(HomeworkPlan plan) => new(
        plan.Id,
        plan.ClientId,
        plan.TherapistId,
        plan.Title,
        plan.Goal,
        plan.StartDate,
        plan.EndDate,
        plan.NextSessionAt,
        plan.Status,
        plan.ExternalId,
        ETagOf(plan),
        [.. plan.Pauses.OrderBy(p => p.PausedAt).Select(p => new PauseResponse(p.PausedAt, p.ResumedAt))],
        [.. plan.Assignments.Select(a => AssignmentResponse.From(plan, a))]);

    public static string ETagOf(HomeworkPlan plan) => ETags.Of(plan.Version);
}

public sealed record PauseResponse(Instant PausedAt, Instant? ResumedAt);

public sealed record AssignmentResponse(
    Guid Id,
    string ExerciseKey,
    string Title,
    ScheduleModel Schedule,
    LocalDate StartDate,
    LocalDate EndDate,
    string? Instructions)
{
    public static AssignmentResponse From(HomeworkPlan plan, Assignment a) =>
        new(a.Id, a.ExerciseKey, a.Title, ScheduleModel.From(a.Schedule), a.EffectiveStart(plan), a.EffectiveEnd(plan), a.Instructions);
}
