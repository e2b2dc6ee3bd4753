using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Plans;

public enum PlanTransition
{
    Activate,
    Pause,
    Resume,
    Complete,
    Cancel,
}

/// <summary>Moves a plan through its life: draft → active ⇄ paused → completed, or cancelled.</summary>
public sealed record ChangePlanStatusCommand(Guid PlanId, PlanTransition Transition) : ICommand<PlanResponse>
{
    /// <summary>The ETag the caller last saw, when it sent If-Match.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ChangePlanStatusHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<ChangePlanStatusCommand, PlanResponse>
{
    public async ValueTask<PlanResponse> Handle(ChangePlanStatusCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var plan = await access.PlanAsync(command.PlanId, cancellationToken);
        PlanConcurrency.Check(db, plan, command.IfMatch, required: false);
        var now = clock.GetCurrentInstant();
        switch (command.Transition)
        {
            case PlanTransition.Activate: plan.Activate(); break;
            case PlanTransition.Pause: plan.Pause(now); break;
            case PlanTransition.Resume: plan.Resume(now); break;
            case PlanTransition.Complete: plan.Complete(); break;
            case PlanTransition.Cancel: plan.Cancel(); break;
        }

        audit.Record($"plan.{command.Transition.ToString().ToLowerInvariant()}", "plan", plan.Id, plan.ClientId);
        return PlanResponse.From(plan);
    }
}
