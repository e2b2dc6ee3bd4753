using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
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
