using Clinic.Api.Features.Plans;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Me;

/// <summary>What the client app calls for the signed-in client.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Client app");

        group.MapGet("/plans", async ([FromQuery] string? status, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListPlansQuery(null, status), ct)))
            .WithName("listMyPlans")
            .WithSummary("The signed-in client's plans, newest first")
            .WithDescription(ListPlansQuery.StatusDescription)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/agenda", async ([FromQuery] string? date, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAgendaQuery(date), ct)))
            .WithName("getMyAgenda")
            .WithSummary("The signed-in client's practices for a day")
            .WithDescription("For each active or paused plan covering the date (yyyy-MM-dd, default today in the client's time zone): "
                + "the assignments due that day with expected, done and remaining counts. Days on which the plan is paused list no daily or weekly practice. Clients only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/export", async (IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var export = await mediator.Send(new ExportMyDataQuery(), ct);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"clinic-export-{export.ExportedAt:yyyy-MM-dd}.json\"";
                return TypedResults.Ok(export);
            })
            .WithName("exportMyData")
            .WithSummary("A copy of everything I entered")
            .WithDescription("Clients only. The client's profile, every plan as assigned to them, and every completion (voided ones too, with "
                + "reflections and ratings), skip report (with notes) and answer to an outcome measure (with its score) they entered, as one JSON "
                + "document. Served as an attachment.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
