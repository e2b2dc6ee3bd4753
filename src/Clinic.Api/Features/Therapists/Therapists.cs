using Clinic.Api.Common.Http;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Common;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Therapists;

public sealed record TherapistResponse(Guid Id, Guid PracticeId, string DisplayName, string Email, string? ExternalId, bool Active)
{
    public static TherapistResponse From(Therapist t) => new(t.Id, t.PracticeId, t.DisplayName, t.Email, t.ExternalId, t.Active);
}

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

public sealed record ListTherapistsQuery : IQuery<IReadOnlyList<TherapistResponse>>;

public sealed class ListTherapistsHandler(ClinicDbContext db, Caller caller) : IQueryHandler<ListTherapistsQuery, IReadOnlyList<TherapistResponse>>
{
    public async ValueTask<IReadOnlyList<TherapistResponse>> Handle(ListTherapistsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.PracticeId == practiceId).OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        return therapists.ConvertAll(TherapistResponse.From);
    }
}

public sealed record GetTherapistQuery(Guid TherapistId) : IQuery<TherapistResponse>;

public sealed class GetTherapistHandler(ClinicDbContext db, Caller caller) : IQueryHandler<GetTherapistQuery, TherapistResponse>
{
    public async ValueTask<TherapistResponse> Handle(GetTherapistQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var therapist = await db.Therapists.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.TherapistId && t.PracticeId == practiceId, cancellationToken)
            ?? throw new NotFoundException("therapist", query.TherapistId);
        return TherapistResponse.From(therapist);
    }
}

public static class TherapistEndpoints
{
    public static IEndpointRouteBuilder MapTherapistEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/therapists").WithTags("Therapists");

        group.MapPost("/", async (CreateTherapistCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var therapist = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/therapists/{therapist.Id}", therapist);
            })
            .WithName("createTherapist")
            .WithSummary("Add a therapist to the caller's practice")
            .WithDescription("Admins only. email and externalId (the EHR's provider id) are unique within the practice.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListTherapistsQuery(), ct)))
            .WithName("listTherapists")
            .WithSummary("List the practice's therapists")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPut("/by-external-id/therapists/{externalId}", UpsertByExternalIdAsync)
            .WithName("upsertTherapistByExternalId")
            .WithTags("Therapists")
            .WithSummary("Create or update a therapist by the EHR's provider id")
            .WithDescription("Roles: admin, integration. 201 when created, 200 when updated; repeating the call changes nothing more.")
            .Produces<TherapistResponse>(StatusCodes.Status200OK)
            .Produces<TherapistResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // The first path of this upsert, kept working beside the one under /by-external-id/ that the document names.
        group.MapPut("/by-external-id/{externalId}", UpsertByExternalIdAsync).ExcludeFromDescription();

        group.MapGet("/{therapistId:guid}", async (Guid therapistId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTherapistQuery(therapistId), ct)))
            .WithName("getTherapist")
            .WithSummary("Get a therapist")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<IResult> UpsertByExternalIdAsync(string externalId, UpsertTherapistByExternalIdCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command with { ExternalId = externalId }, ct);
        return result.ToHttpResult($"/api/v1/therapists/{result.Value.Id}");
    }
}
