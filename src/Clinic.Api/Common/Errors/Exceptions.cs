namespace Clinic.Api.Common.Errors;

/// <summary>
/// The resource does not exist, or the caller may not know that it does (HTTP 404): another practice's or
/// another client's object is reported exactly like a missing one.
/// </summary>
public sealed class NotFoundException(string resourceType, object? resourceId)
    : Exception($"The {resourceType} was not found.")
{
    public string ResourceType { get; } = resourceType;

    public object? ResourceId { get; } = resourceId;
}

/// <summary>The caller's role has no right to this operation at all (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>An <c>If-Match</c> precondition failed (HTTP 412) or was required and missing (HTTP 428).</summary>
public sealed class PreconditionException(string message, bool missing = false) : Exception(message)
{
    public bool Missing { get; } = missing;
}

/// <summary>A request parameter or header is malformed (HTTP 400 naming it).</summary>
public sealed class BadParameterException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>An <c>Idempotency-Key</c> was reused with a different request (HTTP 422).</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used with a different request.");

/// <summary>
/// The request's body is in a media type the endpoint does not read (HTTP 415), or the caller accepts no media type
/// it writes (HTTP 406).
/// </summary>
public sealed class MediaTypeException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
