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
