using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Clients;

public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClientEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/clients").WithTags("Clients");

        group.MapPost("/", async (CreateClientCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var client = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/clients/{client.Id}", client);
            })
            .WithName("createClient")
            .WithSummary("Add a client")
            .WithDescription("Roles: admin, integration, therapist (own caseload only). timeZone is an IANA zone; all adherence dates are local to it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (
                [FromQuery] Guid? therapistId,
                [FromQuery] string? externalId,
                [FromQuery] string? status,
                [FromQuery] string? cursor,
                [FromQuery] int? limit,
                IMediator mediator,
                CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListClientsQuery(therapistId, externalId, status, cursor, limit), ct)))
            .WithName("listClients")
            .WithSummary("List clients")
            .WithDescription("A therapist sees their own caseload, an admin or integration the practice. Filters: therapistId, externalId, status (active|discharged). Pages of at most 100; pass nextCursor as cursor.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPut("/by-external-id/clients/{externalId}", UpsertByExternalIdAsync)
            .WithName("upsertClientByExternalId")
            .WithTags("Clients")
            .WithSummary("Create or update a client by the EHR's patient id")
            .WithDescription("Roles: admin, integration. 201 when created, 200 when updated; repeating the call changes nothing more. Find a client by externalId with GET /api/v1/clients?externalId=.")
            .Produces<ClientResponse>(StatusCodes.Status200OK)
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The first path of this upsert; it shares its shape with /clients/{clientId}/..., so it is kept working but no longer documented.
        group.MapPut("/by-external-id/{externalId}", UpsertByExternalIdAsync).ExcludeFromDescription();

        group.MapGet("/{clientId}", async (Guid clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetClientQuery(clientId), ct)))
            .WithName("getClient")
            .WithSummary("Get a client")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{clientId}", async (Guid clientId, UpdateClientCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { ClientId = clientId }, ct)))
            .WithName("updateClient")
            .WithSummary("Change a client's time zone or therapist, or discharge them")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<IResult> UpsertByExternalIdAsync(string externalId, UpsertClientByExternalIdCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command with { ExternalId = externalId }, ct);
        return result.ToHttpResult($"/api/v1/clients/{result.Value.Id}");
    }
}
