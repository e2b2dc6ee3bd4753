namespace Clinic.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Field"/> names the input the rule is about, when there is one,
/// so the API can point the caller at it.
/// </summary>
public class DomainException(string rule, string message, string? field = null) : Exception(message)
{
    /// <summary>A stable, machine-readable name of the rule, e.g. <c>plan_transition</c>.</summary>
    public string Rule { get; } = rule;

    public string? Field { get; } = field;

    /// <summary>The same broken rule, its field named inside an enclosing input (<c>assignments[2].</c> + <c>endDate</c>).</summary>
    public virtual DomainException Within(string prefix) => new(Rule, Message, Field is null ? null : prefix + Field);
}

/// <summary>The request conflicts with the current state of a resource (HTTP 409).</summary>
public sealed class ConflictException(string rule, string message, string? field = null) : DomainException(rule, message, field)
{
    public override DomainException Within(string prefix) => new ConflictException(Rule, Message, Field is null ? null : prefix + Field);
}
