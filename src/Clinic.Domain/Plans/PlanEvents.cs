using Clinic.Domain.Common;

namespace Clinic.Domain.Plans;

public sealed record PlanAssigned(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.assigned";
}

/// <summary>Title, goal, dates, next session or assignments changed (at most one per change).</summary>
public sealed record PlanChanged(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.changed";
}

public sealed record PlanActivated(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.activated";
}

public sealed record PlanPaused(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.paused";
}

public sealed record PlanResumed(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.resumed";
}

public sealed record PlanCompleted(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.completed";
}

public sealed record PlanCancelled(Guid PracticeId, Guid ClientId, Guid PlanId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "plan.cancelled";
}
