using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Clients;
using Clinic.Infrastructure.Persistence;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Onboarding;

/// <summary>
/// A therapist creates a one-time code for a client; the client's app exchanges it at <c>/connect/token</c>
/// (grant <c>urn:clinic:params:oauth:grant-type:invitation</c>, client_id <c>clinic-app</c>) for tokens.
/// </summary>
public sealed record CreateInvitationCommand(Guid ClientId) : ICommand<InvitationResponse>;

public sealed record InvitationResponse(Guid ClientId, string Code, Instant ExpiresAt);

public sealed class CreateInvitationHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<CreateInvitationCommand, InvitationResponse>
{
    public async ValueTask<InvitationResponse> Handle(CreateInvitationCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(command.ClientId, cancellationToken);
        var (invitation, code) = ClientInvitation.Issue(client, caller.SubjectId, clock.GetCurrentInstant());
        db.ClientInvitations.Add(invitation);
        audit.Record("invitation.create", "client", client.Id, client.Id);
        return new InvitationResponse(client.Id, code, invitation.ExpiresAt);
    }
}
