using Mediator;

namespace Clinic.Api.Features.Exercises;

public static class ExerciseEndpoints
{
    public static IEndpointRouteBuilder MapExerciseEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exercises").WithTags("Exercises");

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListExercisesQuery(), ct)))
            .WithName("listExercises")
            .WithSummary("List the exercise library")
            .WithDescription("The built-in self-compassion practices and the caller's practice's own exercises.");

        group.MapPost("/", async (CreateExerciseCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var exercise = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/exercises/{exercise.Key}", exercise);
            })
            .WithName("createExercise")
            .WithSummary("Add a custom exercise")
            .WithDescription("Visible only within the caller's practice. Roles: admin, therapist, integration.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
