using Clinic.Api.Common.Http;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Plans;

/// <summary>
/// Creates or updates the plan an EHR knows by its own id. A new plan is assigned exactly as
/// <see cref="AssignPlanCommand"/> does; an existing one takes the title, goal, dates and next session of the
/// body, and gains the assignments it does not have yet (assignments are never removed: their history stays). An
/// assignment it has (same exercise, same schedule apart from reminder times) takes the body's timesOfDay when sent.
/// Repeating the same body changes nothing more.
/// </summary>
public sealed record UpsertPlanByExternalIdCommand(AssignPlanCommand Plan) : ICommand<UpsertResult<PlanResponse>>;

public sealed class UpsertPlanByExternalIdValidator : AbstractValidator<UpsertPlanByExternalIdCommand>
{
    public UpsertPlanByExternalIdValidator() =>
        RuleFor(c => c.Plan).SetValidator(new AssignPlanValidator()).OverridePropertyName(string.Empty);
}

public sealed class UpsertPlanByExternalIdHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IMediator mediator)
    : ICommandHandler<UpsertPlanByExternalIdCommand, UpsertResult<PlanResponse>>
{
    public async ValueTask<UpsertResult<PlanResponse>> Handle(UpsertPlanByExternalIdCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var request = command.Plan;
        var existingId = await access.VisiblePlans().Where(p => p.ExternalId == request.ExternalId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (existingId is null)
        {
            return new UpsertResult<PlanResponse>(await mediator.Send(request, cancellationToken), Created: true);
        }

        var plan = await access.PlanAsync(existingId.Value, cancellationToken);
        if (plan.ClientId != request.ClientId)
        {
            throw new ConflictException("external_id_taken", "This externalId names a plan of another client.", "externalId");
        }

        if (plan.Title != request.Title.Trim() || plan.Goal != request.Goal?.Trim())
        {
            plan.Describe(request.Title, request.Goal);
        }

        if (plan.StartDate != request.StartDate || plan.EndDate != request.EndDate)
        {
            plan.Reschedule(request.StartDate, request.EndDate);
        }

        if (plan.NextSessionAt != request.NextSessionAt)
        {
            plan.ScheduleNextSession(request.NextSessionAt);
        }

        // An assignment is the same when its exercise and what it makes due are; reminder times sent for it replace its own.
        var missing = new List<(AssignmentRequest Request, int Index)>();
        for (var index = 0; index < request.Assignments.Count; index++)
        {
            var requested = request.Assignments[index];
            var schedule = requested.Schedule.ToSchedule();
            var existing = plan.Assignments.FirstOrDefault(a => a.ExerciseKey == requested.ExerciseKey && a.Schedule.DueAlike(schedule));
            if (existing is null)
            {
                missing.Add((requested, index));
            }
            else if (requested.Schedule.TimesOfDay is not null && !existing.Schedule.TimesOfDay.SequenceEqual(schedule.TimesOfDay))
            {
                plan.ChangeReminderTimes(existing.Id, schedule.TimesOfDay);
            }
        }

        var exercises = await AssignPlanHandler.ExercisesByKeyAsync(db, plan.PracticeId, missing.Select(m => m.Request.ExerciseKey), cancellationToken);
        foreach (var (assignment, index) in missing)
        {
            var exercise = exercises.GetValueOrDefault(assignment.ExerciseKey)
                ?? throw new DomainException("unknown_exercise", $"No exercise with key '{assignment.ExerciseKey}' exists in the library.", $"assignments[{index}].exerciseKey");
            try
            {
                db.Assignments.Add(plan.AddAssignment(exercise, assignment.Schedule.ToSchedule(), assignment.StartDate, assignment.EndDate, assignment.Instructions));
            }
            catch (DomainException broken)
            {
                throw broken.Within($"assignments[{index}].");
            }
        }

        audit.Record("plan.update", "plan", plan.Id, plan.ClientId);
        return new UpsertResult<PlanResponse>(PlanResponse.From(plan), Created: false);
    }
}
