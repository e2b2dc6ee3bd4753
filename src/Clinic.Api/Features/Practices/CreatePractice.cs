using Clinic.Api.Common.Auth;
using Clinic.Domain.Common;
using Clinic.Domain.Practices;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Practices;

/// <summary>Creates a practice (a tenant). Operators only.</summary>
public sealed record CreatePracticeCommand(string Name, string TimeZone) : ICommand<PracticeResponse>;

public sealed record PracticeResponse(Guid Id, string Name, string TimeZone, Instant CreatedAt)
{
    public static PracticeResponse From(Practice p) => new(p.Id, p.Name, p.DefaultTimeZone, p.CreatedAt);
}

public sealed class CreatePracticeValidator : AbstractValidator<CreatePracticeCommand>
{
    public CreatePracticeValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Practice.NameMaxLength);
        RuleFor(c => c.TimeZone).NotEmpty().Must(TimeZones.IsKnown).WithMessage("timeZone must be an IANA time zone, e.g. \"America/New_York\".");
    }
}

public sealed class CreatePracticeHandler(ClinicDbContext db, Caller caller, IClock clock) : ICommandHandler<CreatePracticeCommand, PracticeResponse>
{
    public async ValueTask<PracticeResponse> Handle(CreatePracticeCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Operator);
        var practice = Practice.Create(command.Name, command.TimeZone, clock.GetCurrentInstant());
        db.Practices.Add(practice);
        return PracticeResponse.From(practice);
    }
}
