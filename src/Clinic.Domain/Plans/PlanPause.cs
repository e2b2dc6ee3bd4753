using NodaTime;

namespace Clinic.Domain.Plans;

/// <summary>
/// One pause of a plan. Days from the local date of <see cref="PausedAt"/> up to, not including, the local
/// date of <see cref="ResumedAt"/> are not due (ADHERENCE.md, "Window"). An open pause has no resume yet.
/// </summary>
public sealed record PlanPause(Instant PausedAt, Instant? ResumedAt);
