using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Therapists;
using Clinic.Domain.Common;
using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// A therapist (or the EHR on their behalf) assigns a homework plan to a client. It starts active unless
/// <c>status</c> is <c>"draft"</c>.
/// </summary>
public sealed record AssignPlanCommand(
    string Title,
    LocalDate StartDate,
    LocalDate EndDate,
    IReadOnlyList<AssignmentRequest> Assignments,
    string? Goal = null,
    Instant? NextSessionAt = null,
    string? ExternalId = null,
    string? Status = null,
    Guid? TherapistId = null) : ICommand<PlanResponse>
{
    [JsonIgnore]
    public Guid ClientId { get; init; }
}

/// <summary>One assignment of a new plan: an exercise from the library and its schedule.</summary>
public sealed record AssignmentRequest(string ExerciseKey, ScheduleModel Schedule, LocalDate? StartDate = null, LocalDate? EndDate = null, string? Instructions = null);

public sealed class AssignmentRequestValidator : AbstractValidator<AssignmentRequest>
{
    public AssignmentRequestValidator()
    {
        RuleFor(a => a.ExerciseKey).NotEmpty().MaximumLength(Exercise.KeyMaxLength);
        RuleFor(a => a.Schedule).NotNull().SetValidator(new ScheduleModelValidator());
        RuleFor(a => a.Instructions).MaximumLength(Assignment.InstructionsMaxLength);
    }
}

/// <summary>
/// The shape of the request. How its dates relate (end after start, at most 180 days, assignments inside the
/// plan) are the plan's own rules, checked by the domain alike on every path that changes them (422).
/// </summary>
public sealed class AssignPlanValidator : AbstractValidator<AssignPlanCommand>
{
    public AssignPlanValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(HomeworkPlan.TitleMaxLength);
        RuleFor(c => c.Goal).MaximumLength(HomeworkPlan.GoalMaxLength);
        RuleFor(c => c.ExternalId).MaximumLength(HomeworkPlan.ExternalIdMaxLength);
        RuleFor(c => c.Status).Must(s => s is null or "draft" or "active").WithMessage("status must be \"draft\" or \"active\".");
        RuleFor(c => c.Assignments).NotEmpty().Must(a => a is null || a.Count <= HomeworkPlan.MaxAssignments)
            .WithMessage($"A plan has 1 to {HomeworkPlan.MaxAssignments} assignments.");
        RuleForEach(c => c.Assignments).SetValidator(new AssignmentRequestValidator());
    }
}

public sealed class AssignPlanHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<AssignPlanCommand, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(AssignPlanCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(command.ClientId, cancellationToken);
        var therapistId = await AssigningTherapistAsync(command, client.PrimaryTherapistId, cancellationToken);
        if (command.ExternalId is { } externalId && await db.Plans.AnyAsync(p => p.PracticeId == client.PracticeId && p.ExternalId == externalId, cancellationToken))
        {
            throw new ConflictException("external_id_taken", "A plan with this externalId already exists in the practice.", "externalId");
        }

        var exercises = await ExercisesByKeyAsync(client.PracticeId, command.Assignments.Select(a => a.ExerciseKey), cancellationToken);
        var plan = HomeworkPlan.Create(
            client, therapistId, command.Title, command.Goal, command.StartDate, command.EndDate,
            command.NextSessionAt, command.ExternalId, asDraft: command.Status == "draft", clock.GetCurrentInstant());
        for (var i = 0; i < command.Assignments.Count; i++)
        {
            var request = command.Assignments[i];
            var exercise = exercises.GetValueOrDefault(request.ExerciseKey)
                ?? throw new DomainException("unknown_exercise", $"No exercise with key '{request.ExerciseKey}' exists in the library.", $"assignments[{i}].exerciseKey");
            try
            {
                plan.AddAssignment(exercise, request.Schedule.ToSchedule(), request.StartDate, request.EndDate, request.Instructions);
            }
            catch (DomainException broken)
            {
                throw broken.Within($"assignments[{i}].");
            }
        }

        db.Plans.Add(plan);
        audit.Record("plan.create", "plan", plan.Id, client.Id);
        return PlanResponse.From(plan);
    }

    private async Task<Guid> AssigningTherapistAsync(AssignPlanCommand command, Guid primaryTherapistId, CancellationToken cancellationToken)
    {
        if (caller.Is(Roles.Therapist))
        {
            return command.TherapistId is null || command.TherapistId == caller.SubjectGuid
                ? caller.SubjectGuid
                : throw new ForbiddenException("Therapists assign plans in their own name.");
        }

        if (caller.Is(Roles.Integration) && command.TherapistId is null)
        {
            throw new BadParameterException("therapistId", "An integration must name the assigning therapist (therapistId).");
        }

        var therapistId = command.TherapistId ?? primaryTherapistId;
        await TherapistRules.EnsureActiveAsync(db, caller.Practice, therapistId, "therapistId", cancellationToken);
        return therapistId;
    }

    internal static async Task<Dictionary<string, Exercise>> ExercisesByKeyAsync(ClinicDbContext db, Guid practiceId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Distinct().ToList();
        var found = await db.Exercises
            .Where(e => wanted.Contains(e.Key) && (e.PracticeId == null || e.PracticeId == practiceId))
            .ToListAsync(cancellationToken);
        return found.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.OrderBy(e => e.PracticeId == null).First());
    }

    private Task<Dictionary<string, Exercise>> ExercisesByKeyAsync(Guid practiceId, IEnumerable<string> keys, CancellationToken cancellationToken) =>
        ExercisesByKeyAsync(db, practiceId, keys, cancellationToken);
}
