using Clinic.Api.Common.Auth;
using Clinic.Domain.Common;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Therapists;

/// <summary>Adds a therapist to the caller's practice. Admins only.</summary>
public sealed record CreateTherapistCommand(string DisplayName, string Email, string? ExternalId = null) : ICommand<TherapistResponse>;

public sealed class CreateTherapistValidator : AbstractValidator<CreateTherapistCommand>
{
    public CreateTherapistValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Therapist.DisplayNameMaxLength);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Therapist.EmailMaxLength).EmailAddress();
        RuleFor(c => c.ExternalId).MaximumLength(Therapist.ExternalIdMaxLength);
    }
}

public sealed class CreateTherapistHandler(ClinicDbContext db, Caller caller, IClock clock) : ICommandHandler<CreateTherapistCommand, TherapistResponse>
{
    public async ValueTask<TherapistResponse> Handle(CreateTherapistCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var email = command.Email.Trim().ToLowerInvariant();
        if (await db.Therapists.AnyAsync(t => t.PracticeId == practiceId && t.Email == email, cancellationToken))
        {
            throw new ConflictException("therapist_email_taken", "A therapist with this email already exists in the practice.", "email");
        }

        if (command.ExternalId is { } externalId && await db.Therapists.AnyAsync(t => t.PracticeId == practiceId && t.ExternalId == externalId, cancellationToken))
        {
            throw new ConflictException("external_id_taken", "A therapist with this externalId already exists in the practice.", "externalId");
        }

        var therapist = Therapist.Create(practiceId, command.DisplayName, command.Email, command.ExternalId, clock.GetCurrentInstant());
        db.Therapists.Add(therapist);
        return TherapistResponse.From(therapist);
    }
}
