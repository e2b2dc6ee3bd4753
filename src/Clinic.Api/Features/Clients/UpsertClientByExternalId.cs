using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Http;
using Clinic.Api.Features.Therapists;
using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Clients;

/// <summary>
/// Creates or updates the client an EHR knows by its patient id. Safe to repeat: the same body twice leaves
/// one client as it was after the first.
/// </summary>
public sealed record UpsertClientByExternalIdCommand(string DisplayName, string TimeZone, Guid PrimaryTherapistId) : ICommand<UpsertResult<ClientResponse>>
{
    [JsonIgnore]
    public string ExternalId { get; init; } = "";
}

public sealed class UpsertClientByExternalIdValidator : AbstractValidator<UpsertClientByExternalIdCommand>
{
    public UpsertClientByExternalIdValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Client.DisplayNameMaxLength);
        RuleFor(c => c.TimeZone).NotEmpty().Must(TimeZones.IsKnown).WithMessage("timeZone must be an IANA time zone, e.g. \"America/New_York\".");
        RuleFor(c => c.PrimaryTherapistId).NotEmpty();
        RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(Client.ExternalIdMaxLength);
    }
}

public sealed class UpsertClientByExternalIdHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<UpsertClientByExternalIdCommand, UpsertResult<ClientResponse>>
{
    public async ValueTask<UpsertResult<ClientResponse>> Handle(UpsertClientByExternalIdCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin, Roles.Integration);
        var practiceId = caller.Practice;
        await TherapistRules.EnsureActiveAsync(db, practiceId, command.PrimaryTherapistId, "primaryTherapistId", cancellationToken);
        var client = await access.VisibleClients().FirstOrDefaultAsync(c => c.ExternalId == command.ExternalId, cancellationToken);
        var created = client is null;
        if (client is null)
        {
            client = Client.Create(practiceId, command.PrimaryTherapistId, command.DisplayName, command.TimeZone, command.ExternalId, clock.GetCurrentInstant());
            db.Clients.Add(client);
        }
        else
        {
            if (client.Status == ClientStatus.Discharged)
            {
                throw new ConflictException("client_discharged", "This client was discharged; a discharged client is not changed through upserts.", "externalId");
            }

            client.Rename(command.DisplayName);
            client.MoveTo(command.TimeZone);
            client.AssignPrimaryTherapist(command.PrimaryTherapistId);
        }

        audit.Record(created ? "client.create" : "client.update", "client", client.Id, client.Id);
        return new UpsertResult<ClientResponse>(ClientResponse.From(client), created);
    }
}
