using Clinic.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Plans;

public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/clients/{clientId}/plans", async (Guid clientId, AssignPlanCommand command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var plan = await mediator.Send(command with { ClientId = clientId }, ct);
                http.Response.Headers.ETag = plan.ETag;
                return TypedResults.Created($"/api/v1/plans/{plan.Id}", plan);
            })
            .WithName("assignPlan")
            .WithTags("Plans")
            .WithSummary("Assign a homework plan to a client")
            .WithDescription("Roles: therapist (own clients, in their own name), admin (therapistId defaults to the client's primary therapist), integration (therapistId required). The plan starts active unless status is \"draft\". Dates are inclusive local dates in the client's time zone; a plan lasts at most 180 days. A schedule may carry timesOfDay (HH:mm, at most 6, none twice): when the client app reminds the client on a day the practice is due; they change no adherence figure.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/clients/{clientId}/plans", async (Guid clientId, [FromQuery] string? status, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListPlansQuery(clientId, status), ct)))
            .WithName("listClientPlans")
            .WithTags("Plans")
            .WithSummary("List a client's plans, newest first")
            .WithDescription(ListPlansQuery.StatusDescription)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/clients/{clientId}/plans/by-external-id/{externalId}", async (Guid clientId, string externalId, AssignPlanCommand command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await mediator.Send(new UpsertPlanByExternalIdCommand(command with { ClientId = clientId, ExternalId = externalId }), ct);
                http.Response.Headers.ETag = result.Value.ETag;
                return result.ToHttpResult($"/api/v1/plans/{result.Value.Id}");
            })
            .WithName("upsertPlanByExternalId")
            .WithTags("Plans")
            .WithSummary("Create or update a plan by the EHR's id for it")
            .WithDescription("Roles as for assigning a plan. 201 when created, 200 when updated. An existing plan takes the body's title, goal, dates and next session and gains the assignments it lacks; assignments are never removed. An assignment it has (same exercise, same schedule apart from timesOfDay) takes the body's timesOfDay when sent. The body's externalId, if any, is replaced by the one in the path.")
            .Produces<PlanResponse>(StatusCodes.Status200OK)
            .Produces<PlanResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/by-external-id/plans/{externalId}", GetByExternalIdAsync)
            .WithName("getPlanByExternalId")
            .WithTags("Plans")
            .WithSummary("Find a plan by the EHR's id for it")
            .WithDescription(ConditionalReadDescription)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The first path of this lookup; it shares its shape with /plans/{planId}/..., so it is kept working but no longer documented.
        api.MapGet("/plans/by-external-id/{externalId}", GetByExternalIdAsync).ExcludeFromDescription();

        var group = api.MapGroup("/plans/{planId}").WithTags("Plans");

        group.MapGet("/", async (Guid planId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Conditional(http, ifNoneMatch, await mediator.Send(new GetPlanQuery(planId), ct)))
            .WithName("getPlan")
            .WithSummary("Get a plan with its assignments")
            .WithDescription(ConditionalReadDescription)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/", async (Guid planId, UpdatePlanCommand command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
                WithETag(http, await mediator.Send(command with { PlanId = planId, IfMatch = ifMatch }, ct)))
            .WithName("updatePlan")
            .WithSummary("Edit a plan's title, goal, dates or next session")
            .WithDescription("Requires If-Match with the plan's current ETag: a stale one is 412, a missing one 428.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/assignments", async (Guid planId, AddAssignmentCommand command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
                WithETag(http, await mediator.Send(command with { PlanId = planId, IfMatch = ifMatch }, ct)))
            .WithName("addAssignment")
            .WithSummary("Add an assignment to a plan")
            .WithDescription("Requires If-Match with the plan's current ETag.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPatch("/assignments/{assignmentId}", async (Guid planId, Guid assignmentId, ChangeAssignmentCommand command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
                WithETag(http, await mediator.Send(command with { PlanId = planId, AssignmentId = assignmentId, IfMatch = ifMatch }, ct)))
            .WithName("changeAssignment")
            .WithSummary("Change an assignment's dates, instructions or reminder times")
            .WithDescription("Requires If-Match with the plan's current ETag. timesOfDay (HH:mm, at most 6) replaces the reminder times; [] removes them; "
                + "absent keeps them. Reminder times change no adherence figure.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        foreach (var transition in Enum.GetValues<PlanTransition>())
        {
            var name = transition.ToString().ToLowerInvariant();
            group.MapPost($"/{name}", async (Guid planId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
                    WithETag(http, await mediator.Send(new ChangePlanStatusCommand(planId, transition) { IfMatch = ifMatch }, ct)))
                .WithName($"{name}Plan")
                .WithSummary($"{transition} the plan")
                .WithDescription("Allowed: draft → active (activate) or cancelled; active → paused, completed or cancelled; paused → active (resume), completed or cancelled. Any other change is 409. If-Match is honoured when sent.")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        }

        return api;
    }

    private const string ConditionalReadDescription =
        "The ETag header (also in the body as eTag) is what edits send back in If-Match. "
        + "Send it in If-None-Match to read the plan again only if it changed: 304 without a body while it has not.";

    private static async Task<Results<Ok<PlanResponse>, StatusCodeHttpResult>> GetByExternalIdAsync(
        string externalId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, IMediator mediator, HttpContext http, CancellationToken ct) =>
        Conditional(http, ifNoneMatch, await mediator.Send(new GetPlanByExternalIdQuery(externalId), ct));

    /// <summary>A read of a plan, answered 304 when the caller's If-None-Match names its current version.</summary>
    private static Results<Ok<PlanResponse>, StatusCodeHttpResult> Conditional(HttpContext http, string? ifNoneMatch, PlanResponse plan)
    {
        http.Response.Headers.ETag = plan.ETag;
        return ETags.NoneMatch(ifNoneMatch, plan.ETag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(plan);
    }

    private static Ok<PlanResponse> WithETag(HttpContext http, PlanResponse plan)
    {
        http.Response.Headers.ETag = plan.ETag;
        return TypedResults.Ok(plan);
    }
}
