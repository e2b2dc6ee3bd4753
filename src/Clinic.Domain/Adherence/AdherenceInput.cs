using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Adherence;

/// <summary>The plan as the adherence calculator needs it: dates, assignments, pauses and the client's zone.</summary>
public sealed record AdherencePlan(
    Guid PlanId,
    Guid ClientId,
    DateTimeZone TimeZone,
    LocalDate StartDate,
    LocalDate EndDate,
    IReadOnlyList<AdherenceAssignment> Assignments,
    IReadOnlyList<PlanPause> Pauses);

/// <summary>An assignment with its effective dates (the plan's dates when it does not narrow them).</summary>
public sealed record AdherenceAssignment(
    Guid AssignmentId,
    string ExerciseKey,
    string Title,
    Schedule Schedule,
    LocalDate StartDate,
    LocalDate EndDate);

/// <summary>
/// A logged practice, as stored. Ratings are 0..10 and optional. A value, so that a caller may read a plan's
/// completions into one reused buffer: the calculator copies out what a summary keeps.
/// </summary>
public readonly record struct CompletionFact(
    Guid CompletionId,
    Guid AssignmentId,
    Instant CompletedAt,
    Instant ReceivedAt,
    int? DurationMinutes,
    int? DistressBefore,
    int? DistressAfter,
    int? Helpfulness,
    string? Reflection,
    bool ShareWithTherapist,
    CompletionContext Context = CompletionContext.Scheduled);

/// <summary>A reported skip: which assignment, which local date, and why.</summary>
public sealed record SkipFact(Guid AssignmentId, LocalDate Date, SkipReason Reason);
