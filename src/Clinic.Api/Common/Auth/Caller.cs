using System.Security.Claims;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Privacy;

namespace Clinic.Api.Common.Auth;

/// <summary>
/// Who is asking: subject, role and practice, read once per request from the validated token. Handlers use it
/// to authorise; every entry point (REST, FHIR, jobs) sets it before sending a message.
/// </summary>
public sealed class Caller
{
    public string SubjectId { get; private set; } = "anonymous";

    public string Role { get; private set; } = "anonymous";

    public Guid? PracticeId { get; private set; }

    public bool IsAuthenticated { get; private set; }

    public string? RequestId { get; private set; }

    public string? SourceAddress { get; private set; }

    /// <summary>The subject as an id (therapists and clients are identified by their own id).</summary>
    public Guid SubjectGuid => Guid.TryParse(SubjectId, out var id) ? id : Guid.Empty;

    public bool Is(string role) => Role == role;

    /// <summary>The caller as a reader of text clients write: a client is themselves, every other role is staff.</summary>
    public Reader Reader => Is(Roles.Client) ? Reader.Client(SubjectGuid) : Reader.Staff;

    /// <summary>The caller's practice; roles without one (operator) are refused.</summary>
    public Guid Practice => PracticeId ?? throw new ForbiddenException("This operation needs a caller that belongs to a practice.");

    public void RequireRole(params string[] roles)
    {
        if (!roles.Contains(Role))
        {
            throw new ForbiddenException($"The role '{Role}' may not do this.");
        }
    }

    public void SetFrom(HttpContext httpContext)
    {
        RequestId = httpContext.TraceIdentifier;
        SourceAddress = httpContext.Connection.RemoteIpAddress?.ToString();
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        IsAuthenticated = true;
        SubjectId = user.FindFirstValue(ClinicClaims.Subject) ?? "unknown";
        Role = user.FindFirstValue(ClinicClaims.Role) ?? "unknown";
        PracticeId = Guid.TryParse(user.FindFirstValue(ClinicClaims.PracticeId), out var practice) ? practice : null;
    }

    /// <summary>For entry points without HTTP (jobs, seeding): act as the given identity.</summary>
    public void Impersonate(string subjectId, string role, Guid? practiceId)
    {
        IsAuthenticated = true;
        (SubjectId, Role, PracticeId) = (subjectId, role, practiceId);
    }
}
