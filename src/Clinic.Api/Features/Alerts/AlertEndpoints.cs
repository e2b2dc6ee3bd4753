using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Safety alerts");

        group.MapGet("/", async ([FromQuery] string? status, [FromQuery] Guid? clientId, [FromQuery] string? cursor, [FromQuery] int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAlertsQuery(status, clientId, cursor, limit), ct)))
            .WithName("listAlerts")
            .WithSummary("Safety alerts, newest first")
            .WithDescription("Roles: therapist (their caseload), admin and integration (the practice). status: open or resolved (default both); "
                + "clientId: one client's. An open alert is acknowledged when staff acknowledged it after its latest trigger. "
                + "Pages of at most 100; pass nextCursor as cursor. docs/MEASURES.md, \"Safety alerts\", says when alerts open.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{alertId}", async (Guid alertId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAlertQuery(alertId), ct)))
            .WithName("getAlert")
            .WithSummary("Get a safety alert")
            .WithDescription("Roles: therapist (their caseload), admin and integration (the practice).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{alertId}/acknowledge", async (Guid alertId, AcknowledgeAlertCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { AlertId = alertId }, ct)))
            .WithName("acknowledgeAlert")
            .WithSummary("Acknowledge a safety alert")
            .WithDescription("Roles: therapist (their caseload) and admin. Says staff have seen the alert's latest trigger; note (optional, at most "
                + "2000 characters) says what they are doing. The alert stays open until resolved, and asks for a new acknowledgement when its rule fires "
                + "again. A resolved alert cannot be acknowledged (409). Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{alertId}/resolve", async (Guid alertId, ResolveAlertCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { AlertId = alertId }, ct)))
            .WithName("resolveAlert")
            .WithSummary("Resolve a safety alert")
            .WithDescription("Roles: therapist (their caseload) and admin. note (required, at most 2000 characters) says what was done. A later "
                + "trigger of the same cause opens a new alert. A resolved alert cannot be resolved again (409). Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
