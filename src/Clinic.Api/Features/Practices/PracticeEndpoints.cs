using Mediator;

namespace Clinic.Api.Features.Practices;

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

        api.MapGet("/practices/{practiceId}", async (Guid practiceId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetPracticeQuery(practiceId), ct)))
            .WithName("getPractice")
            .WithTags("Practices")
            .WithSummary("Get a practice")
            .WithDescription("Operators only, as for creating one: the practice's name, default time zone and when it was created.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/practice/crisis-support", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCrisisSupportQuery(), ct)))
            .WithName("getCrisisSupport")
            .WithTags("Practices")
            .WithSummary("The crisis resources of the caller's practice")
            .WithDescription("Every member of the practice, clients included. resources are the practice's own, or one default text when it has set "
                + "none (usesDefault). A client app shows them when a client rates distress at or above distressThreshold (0..10).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/practice/crisis-support", async (SetCrisisSupportCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("setCrisisSupport")
            .WithTags("Practices")
            .WithSummary("Set the practice's crisis resources and distress threshold")
            .WithDescription("Admins only. resources: up to 10, each with text (required), phone and link (https, http, tel or sms); an empty list "
                + "restores the default text. distressThreshold: 0..10 (default 8).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
