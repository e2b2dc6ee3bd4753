namespace Clinic.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Field"/> names the input the rule is about, when there is one,
/// so the API can point the caller at it.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string rule, string message, string? field = null)
        : base(message)
    {
        Rule = rule;
        Field = field;
    }

    public DomainException()
        : this("domain_rule", "A business rule was broken.")
    {
    }

    public DomainException(string message)
        : this("domain_rule", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = "domain_rule";
    }

    /// <summary>A stable, machine-readable name of the rule, e.g. <c>plan_transition</c>.</summary>
    public string Rule { get; }

    public string? Field { get; }
}

/// <summary>The request conflicts with the current state of a resource (HTTP 409).</summary>
public sealed class ConflictException : DomainException
{
    public ConflictException(string rule, string message, string? field = null)
        : base(rule, message, field)
    {
    }

    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
