using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", async (
                [FromQuery] Guid? clientId,
                [FromQuery] string? from,
                [FromQuery] string? to,
                [FromQuery] long? cursor,
                [FromQuery] int? limit,
                IMediator mediator,
                CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListAuditEventsQuery(clientId, from, to, cursor, limit), ct)))
            .WithName("listAuditEvents")
            .WithTags("Audit")
            .WithSummary("Read the practice's audit trail")
            .WithDescription("Admins only. Every read and write of client data, and every refused attempt, newest first. Filters: clientId, from and to (instants, to exclusive). Pages of at most 100; pass nextCursor as cursor.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
