using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Json;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// Edits a plan's title, goal, dates or next session. Absent fields stay as they are; <c>clearNextSession</c>
/// removes the next session. Needs If-Match.
/// </summary>
public sealed record UpdatePlanCommand(
    string? Title = null,
    string? Goal = null,
    LocalDate? StartDate = null,
    LocalDate? EndDate = null,
    Instant? NextSessionAt = null,
    bool? ClearNextSession = null) : ICommand<PlanResponse>
{
    [JsonIgnore]
    public Guid PlanId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class UpdatePlanValidator : AbstractValidator<UpdatePlanCommand>
{
    public UpdatePlanValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(HomeworkPlan.TitleMaxLength).When(c => c.Title is not null);
        RuleFor(c => c.Goal).MaximumLength(HomeworkPlan.GoalMaxLength);
        RuleFor(c => c.NextSessionAt).Null().When(c => c.ClearNextSession == true).WithMessage("Send nextSessionAt or clearNextSession, not both.");
    }
}

public sealed class UpdatePlanHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : ICommandHandler<UpdatePlanCommand, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(UpdatePlanCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var plan = await access.PlanAsync(command.PlanId, cancellationToken);
        PlanConcurrency.Check(db, plan, command.IfMatch, required: true);
        if (command.Title is not null || command.Goal is not null)
        {
            plan.Describe(command.Title ?? plan.Title, command.Goal ?? plan.Goal);
        }

        if (command.StartDate is not null || command.EndDate is not null)
        {
            plan.Reschedule(command.StartDate ?? plan.StartDate, command.EndDate ?? plan.EndDate);
        }

        if (command.NextSessionAt is not null || command.ClearNextSession == true)
        {
            plan.ScheduleNextSession(command.NextSessionAt);
        }

        audit.Record("plan.update", "plan", plan.Id, plan.ClientId);
        return PlanResponse.From(plan);
    }
}

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

/// <summary>
/// Narrows or widens an assignment's dates, rewrites its instructions, or changes its reminder times
/// (<c>timesOfDay</c>: the new list; <c>[]</c> removes them; absent keeps them). Needs If-Match.
/// </summary>
public sealed record ChangeAssignmentCommand(LocalDate? StartDate = null, LocalDate? EndDate = null, string? Instructions = null, IReadOnlyList<string>? TimesOfDay = null) : ICommand<PlanResponse>
{
    [JsonIgnore]
    public Guid PlanId { get; init; }

    [JsonIgnore]
    public Guid AssignmentId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ChangeAssignmentValidator : AbstractValidator<ChangeAssignmentCommand>
{
    public ChangeAssignmentValidator()
    {
        RuleFor(c => c.Instructions).MaximumLength(Assignment.InstructionsMaxLength);
        this.ValidateTimesOfDay(c => c.TimesOfDay);
    }
}

public sealed class ChangeAssignmentHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : ICommandHandler<ChangeAssignmentCommand, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(ChangeAssignmentCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var plan = await access.PlanAsync(command.PlanId, cancellationToken);
        PlanConcurrency.Check(db, plan, command.IfMatch, required: true);
        var assignment = plan.FindAssignment(command.AssignmentId)
            ?? throw new Common.Errors.NotFoundException("assignment", command.AssignmentId);
        if (command.TimesOfDay is null || command.StartDate is not null || command.EndDate is not null || command.Instructions is not null)
        {
            plan.ChangeAssignment(assignment.Id, command.StartDate ?? assignment.StartDate, command.EndDate ?? assignment.EndDate, command.Instructions ?? assignment.Instructions);
        }

        if (command.TimesOfDay is not null)
        {
            plan.ChangeReminderTimes(assignment.Id, command.TimesOfDay.Select(TimeOfDayFormat.Parse));
        }

        audit.Record("plan.assignment.change", "assignment", assignment.Id, plan.ClientId);
        return PlanResponse.From(plan);
    }
}
