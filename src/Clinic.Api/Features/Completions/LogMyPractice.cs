using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Alerts;
using Clinic.Domain.Common;
using Clinic.Domain.Completions;
using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// The client logs a practice of any exercise of the library by its key, typically after the "I'm struggling right
/// now" button (<see cref="Context"/> <c>in_the_moment</c>). When an active plan of theirs assigns that exercise on
/// the completion's local date, it counts for that assignment exactly as a completion sent to the assignment does;
/// otherwise it is the client's own practice, outside any plan. Sent with an Idempotency-Key.
/// </summary>
public sealed record LogMyPracticeCommand(
    string ExerciseKey,
    CompletionContext Context,
    Instant CompletedAt,
    int? DurationMinutes = null,
    int? DistressBefore = null,
    int? DistressAfter = null,
    int? Helpfulness = null,
    string? Reflection = null,
    bool? ShareWithTherapist = null) : ICommand<CompletionResponse>;

public sealed class LogMyPracticeValidator : AbstractValidator<LogMyPracticeCommand>
{
    public LogMyPracticeValidator()
    {
        RuleFor(c => c.ExerciseKey).NotEmpty().MaximumLength(Exercise.KeyMaxLength);
        RuleFor(c => c.Context).IsInEnum();
        RuleFor(c => c.DurationMinutes).InclusiveBetween(0, Completion.MaxDurationMinutes);
        RuleFor(c => c.DistressBefore).InclusiveBetween(0, 10);
        RuleFor(c => c.DistressAfter).InclusiveBetween(0, 10);
        RuleFor(c => c.Helpfulness).InclusiveBetween(0, 10);
        RuleFor(c => c.Reflection).MaximumLength(Completion.ReflectionMaxLength);
    }
}

public sealed class LogMyPracticeHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, SafetyAlerts safety, IClock clock)
    : ICommandHandler<LogMyPracticeCommand, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(LogMyPracticeCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var zone = client.Zone;
        var now = clock.GetCurrentInstant();
        var plans = await access.VisiblePlans()
            .AsNoTracking()
            .Where(p => p.ClientId == client.Id && p.Status == PlanStatus.Active && p.Assignments.Any(a => a.ExerciseKey == command.ExerciseKey))
            .Include(p => p.Assignments)
            .AsSingleQuery()
            .ToListAsync(cancellationToken);

        Completion completion;
        if (AssignmentFor(plans, command.ExerciseKey, command.CompletedAt.InZone(zone).Date) is var (plan, assignment))
        {
            completion = Completion.Record(
                plan, assignment, zone, command.CompletedAt, command.DurationMinutes, command.DistressBefore, command.DistressAfter,
                command.Helpfulness, command.Reflection, command.ShareWithTherapist ?? false, now, command.Context);
        }
        else
        {
            var practiceId = client.PracticeId;
            var exercise = await db.Exercises.AsNoTracking()
                .Where(e => e.Key == command.ExerciseKey && (e.PracticeId == null || e.PracticeId == practiceId) && e.RetiredAt == null)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("unknown_exercise", $"No exercise with key '{command.ExerciseKey}' is in the library.", "exerciseKey");
            completion = Completion.RecordOwnPractice(
                client.PracticeId, client.Id, exercise.Key, command.CompletedAt, command.DurationMinutes, command.DistressBefore, command.DistressAfter,
                command.Helpfulness, command.Reflection, command.ShareWithTherapist ?? false, now, command.Context);
        }

        db.Completions.Add(completion);
        audit.Record("completion.create", "completion", completion.Id, client.Id);
        var crisisResources = await safety.AfterCompletionAsync(completion, cancellationToken);
        return CompletionResponse.For(completion, zone, caller.Reader) with { CrisisResources = crisisResources };
    }

    /// <summary>
    /// The assignment a practice of the exercise on a local date counts for, among the active plans' assignments of
    /// that exercise whose dates hold the date: one with a schedule (daily, weekly, once) before an as-needed one, then
    /// the one in the latest started plan (later start date, then later created), then the first in its plan's order.
    /// None when no active plan assigns the exercise on that date.
    /// </summary>
    public static (HomeworkPlan Plan, Assignment Assignment)? AssignmentFor(IEnumerable<HomeworkPlan> activePlans, string exerciseKey, LocalDate localDate) =>
        activePlans
            .SelectMany(p => p.Assignments.Where(a => a.ExerciseKey == exerciseKey && a.Covers(p, localDate)).Select(a => (Plan: p, Assignment: a)))
            .OrderBy(c => c.Assignment.Schedule.IsScheduled ? 0 : 1)
            .ThenByDescending(c => c.Plan.StartDate)
            .ThenByDescending(c => c.Plan.CreatedAt)
            .ThenByDescending(c => c.Plan.Id)
            .ThenBy(c => c.Assignment.Position)
            .Select(c => ((HomeworkPlan, Assignment)?)c)
            .FirstOrDefault();
}
