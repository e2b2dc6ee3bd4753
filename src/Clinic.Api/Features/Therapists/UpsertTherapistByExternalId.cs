using Clinic.Api.Common.Http;
using System.Text.Json.Serialization;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Common;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Therapists;

/// <summary>Creates or updates the therapist an EHR knows by its provider id. Safe to repeat.</summary>
public sealed record UpsertTherapistByExternalIdCommand(string DisplayName, string Email) : ICommand<UpsertResult<TherapistResponse>>
{
    [JsonIgnore]
    public string ExternalId { get; init; } = "";
}

public sealed class UpsertTherapistByExternalIdValidator : AbstractValidator<UpsertTherapistByExternalIdCommand>
{
    public UpsertTherapistByExternalIdValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Therapist.DisplayNameMaxLength);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Therapist.EmailMaxLength).EmailAddress();
        RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(Therapist.ExternalIdMaxLength);
    }
}

public sealed class UpsertTherapistByExternalIdHandler(ClinicDbContext db, Caller caller, IClock clock)
    : ICommandHandler<UpsertTherapistByExternalIdCommand, UpsertResult<TherapistResponse>>
{
    public async ValueTask<UpsertResult<TherapistResponse>> Handle(UpsertTherapistByExternalIdCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin, Roles.Integration);
        var practiceId = caller.Practice;
        var email = command.Email.Trim().ToLowerInvariant();
        var therapist = await db.Therapists.FirstOrDefaultAsync(t => t.PracticeId == practiceId && t.ExternalId == command.ExternalId, cancellationToken);
        if (await db.Therapists.AnyAsync(t => t.PracticeId == practiceId && t.Email == email && t.ExternalId != command.ExternalId, cancellationToken))
        {
            throw new ConflictException("therapist_email_taken", "Another therapist of the practice has this email.", "email");
        }

        var created = therapist is null;
        if (therapist is null)
        {
            therapist = Therapist.Create(practiceId, command.DisplayName, command.Email, command.ExternalId, clock.GetCurrentInstant());
            db.Therapists.Add(therapist);
        }
        else
        {
            therapist.Update(command.DisplayName, command.Email);
        }

        return new UpsertResult<TherapistResponse>(TherapistResponse.From(therapist), created);
    }
}
