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

public static class PracticeEndpoints
{
    public static IEndpointRouteBuilder MapPracticeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/practices", async (CreatePracticeCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var practice = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/practices/{practice.Id}", practice);
            })
            .WithName("createPractice")
            .WithTags("Practices")
            .WithSummary("Create a practice")
            .WithDescription("Operators only. A practice is the tenant every therapist, client and plan belongs to.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
