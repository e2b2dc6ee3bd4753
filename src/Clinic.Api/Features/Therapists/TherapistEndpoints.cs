using FluentValidation;
using Mediator;

namespace Clinic.Api.Features.Therapists;

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

        group.MapGet("/{therapistId}", async (Guid therapistId, IMediator mediator, CancellationToken ct) =>
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
