using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Therapists;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Clients;

/// <summary>Moves a client to another time zone or therapist, or discharges them. Absent fields stay as they are.</summary>
public sealed record UpdateClientCommand(string? TimeZone = null, Guid? PrimaryTherapistId = null, bool? Discharge = null) : ICommand<ClientResponse>
{
    [JsonIgnore]
    public Guid ClientId { get; init; }
}

public sealed class UpdateClientValidator : AbstractValidator<UpdateClientCommand>
{
    public UpdateClientValidator()
    {
        RuleFor(c => c.TimeZone).Must(TimeZones.IsKnown).When(c => c.TimeZone is not null)
            .WithMessage("timeZone must be an IANA time zone, e.g. \"Europe/London\".");
        RuleFor(c => c.PrimaryTherapistId).NotEqual(Guid.Empty);
        RuleFor(c => c.Discharge).Must(d => d is null or true).WithMessage("discharge can only be true; a discharged client is not re-admitted here.");
    }
}

public sealed class UpdateClientHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock, IOpenIddictTokenManager tokens)
    : ICommandHandler<UpdateClientCommand, ClientResponse>
{
    public async ValueTask<ClientResponse> Handle(UpdateClientCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var client = await access.ClientAsync(command.ClientId, cancellationToken);
        if (command.TimeZone is { } zone)
        {
            client.MoveTo(zone);
        }

        if (command.PrimaryTherapistId is { } therapistId)
        {
            await TherapistRules.EnsureActiveAsync(db, client.PracticeId, therapistId, "primaryTherapistId", cancellationToken);
            client.AssignPrimaryTherapist(therapistId);
        }

        if (command.Discharge == true)
        {
            client.Discharge(clock.GetCurrentInstant());

            // A discharged client's app loses its refresh tokens; access checks refuse its access tokens.
            await tokens.RevokeBySubjectAsync(client.Id.ToString(), cancellationToken);
        }

        audit.Record("client.update", "client", client.Id, client.Id);
        return ClientResponse.From(client);
    }
}
