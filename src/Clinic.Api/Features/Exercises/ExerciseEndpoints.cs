using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Exercises;

public static class ExerciseEndpoints
{
    public static IEndpointRouteBuilder MapExerciseEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exercises").WithTags("Exercises");

        group.MapGet("/", async ([FromQuery] bool? includeRetired, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListExercisesQuery(includeRetired ?? false), ct)))
            .WithName("listExercises")
            .WithSummary("List the exercise library")
            .WithDescription("The built-in self-compassion practices and the caller's practice's own exercises, each with its ordered steps "
                + "(short texts an app shows one at a time or reads aloud), typical duration (defaultMinutes), tags (in_the_moment, daily, evening, "
                + "writing, body) and attribution. Exercises the practice retired are left out unless includeRetired=true.")
            .ProducesValidationProblem();

        group.MapGet("/{exerciseKey}", async (string exerciseKey, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetExerciseQuery(exerciseKey), ct)))
            .WithName("getExercise")
            .WithSummary("One exercise of the library, by key")
            .WithDescription("A built-in exercise or one of the caller's practice's own (retired ones too); another practice's is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async (CreateExerciseCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var exercise = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/exercises/{exercise.Key}", exercise);
            })
            .WithName("createExercise")
            .WithSummary("Add a custom exercise")
            .WithDescription("Visible only within the caller's practice. steps (at most 12, each up to 500 characters), tags and attribution "
                + "are optional. Write guidance in your own words. Roles: admin, therapist, integration.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPatch("/{exerciseKey}", async (string exerciseKey, ChangeExerciseCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { ExerciseKey = exerciseKey }, ct)))
            .WithName("changeExercise")
            .WithSummary("Revise, retire or reinstate one of the practice's own exercises")
            .WithDescription("Absent fields stay as they are; the key never changes. retired true takes the exercise out of the library: it "
                + "cannot be assigned again (422), while assignments made before keep it and its title, and clients may still log it there; "
                + "retired false brings it back. Changing the title leaves existing assignments' titles as they were assigned. Built-in exercises "
                + "belong to the shared library and are 409. Roles: admin, therapist, integration.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
