using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Therapists;
using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Clients;

/// <summary>Adds a client to the practice, on a therapist's caseload.</summary>
public sealed record CreateClientCommand(string DisplayName, string TimeZone, Guid PrimaryTherapistId, string? ExternalId = null) : ICommand<ClientResponse>;

public sealed class CreateClientValidator : AbstractValidator<CreateClientCommand>
{
    public CreateClientValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Client.DisplayNameMaxLength);
        RuleFor(c => c.TimeZone).NotEmpty().Must(TimeZones.IsKnown).WithMessage("timeZone must be an IANA time zone, e.g. \"America/New_York\".");
        RuleFor(c => c.PrimaryTherapistId).NotEmpty();
        RuleFor(c => c.ExternalId).MaximumLength(Client.ExternalIdMaxLength);
    }
}

public sealed class CreateClientHandler(ClinicDbContext db, Caller caller, AuditTrail audit, IClock clock) : ICommandHandler<CreateClientCommand, ClientResponse>
{
    public async ValueTask<ClientResponse> Handle(CreateClientCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var practiceId = caller.Practice;
        if (caller.Is(Roles.Therapist) && command.PrimaryTherapistId != caller.SubjectGuid)
        {
            throw new ForbiddenException("Therapists add clients to their own caseload.");
        }

        await TherapistRules.EnsureActiveAsync(db, practiceId, command.PrimaryTherapistId, "primaryTherapistId", cancellationToken);
        if (command.ExternalId is { } externalId && await db.Clients.AnyAsync(c => c.PracticeId == practiceId && c.ExternalId == externalId, cancellationToken))
        {
            throw new ConflictException("external_id_taken", "A client with this externalId already exists in the practice.", "externalId");
        }

        var client = Client.Create(practiceId, command.PrimaryTherapistId, command.DisplayName, command.TimeZone, command.ExternalId, clock.GetCurrentInstant());
        db.Clients.Add(client);
        audit.Record("client.create", "client", client.Id, client.Id);
        return ClientResponse.From(client);
    }
}
