using Clinic.Domain.Common;

namespace Clinic.Domain.Completions;

/// <summary>A completion was logged; <see cref="PlanId"/> and <see cref="AssignmentId"/> are null for practice outside any plan.</summary>
public sealed record CompletionRecorded(Guid PracticeId, Guid ClientId, Guid? PlanId, Guid? AssignmentId, Guid CompletionId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "completion.recorded";
}

public sealed record CompletionCorrected(Guid PracticeId, Guid ClientId, Guid? PlanId, Guid? AssignmentId, Guid CompletionId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "completion.corrected";
}

public sealed record CompletionVoided(Guid PracticeId, Guid ClientId, Guid? PlanId, Guid? AssignmentId, Guid CompletionId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "completion.voided";
}

/// <summary>A skip was reported; <see cref="Reason"/> is the reason's code (never the client's note).</summary>
public sealed record SkipReported(Guid PracticeId, Guid ClientId, Guid PlanId, Guid AssignmentId, Guid SkipId, SkipReason Reason) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "skip.reported";
}
