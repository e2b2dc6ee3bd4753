using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Plans;

/// <summary>Adds an assignment to an existing plan. Needs If-Match.</summary>
public sealed record AddAssignmentCommand(string ExerciseKey, ScheduleModel Schedule, LocalDate? StartDate = null, LocalDate? EndDate = null, string? Instructions = null)
    : ICommand<PlanResponse>
{
    [JsonIgnore]
    public Guid PlanId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }

    public AssignmentRequest ToRequest() => new(ExerciseKey, Schedule, StartDate, EndDate, Instructions);
}

public sealed class AddAssignmentValidator : AbstractValidator<AddAssignmentCommand>
{
    public AddAssignmentValidator()
    {
        RuleFor(c => c.ToRequest()).SetValidator(new AssignmentRequestValidator()).OverridePropertyName(string.Empty);
    }
}

public sealed class AddAssignmentHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : ICommandHandler<AddAssignmentCommand, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(AddAssignmentCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var plan = await access.PlanAsync(command.PlanId, cancellationToken);
        PlanConcurrency.Check(db, plan, command.IfMatch, required: true);
        var exercises = await AssignPlanHandler.ExercisesByKeyAsync(db, plan.PracticeId, [command.ExerciseKey], cancellationToken);
        var exercise = exercises.GetValueOrDefault(command.ExerciseKey)
            ?? throw new Domain.Common.DomainException("unknown_exercise", $"No exercise with key '{command.ExerciseKey}' exists in the library.", "exerciseKey");
        var assignment = plan.AddAssignment(exercise, command.Schedule.ToSchedule(), command.StartDate, command.EndDate, command.Instructions);
        db.Assignments.Add(assignment);
        audit.Record("plan.assignment.add", "assignment", assignment.Id, plan.ClientId);
        return PlanResponse.From(plan);
    }
}
