using Clinic.Api.Common.Http;
using Mediator;

namespace Clinic.Api.Features.Completions;

public static class CompletionEndpoints
{
    public static IEndpointRouteBuilder MapCompletionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assignments/{assignmentId:guid}").WithTags("Completions");

        group.MapPost("/completions", async (Guid assignmentId, SubmitCompletionCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var completion = await mediator.Send(command with { AssignmentId = assignmentId }, ct);
                return TypedResults.Created($"/api/v1/assignments/{assignmentId}/completions/{completion.Id}", completion);
            })
            .RequireIdempotencyKey()
            .WithName("submitCompletion")
            .WithSummary("Log a completed practice")
            .WithDescription("Clients only, for their own assignments. Requires an Idempotency-Key header: a replay with the same key and body returns the original 201; the same key with another body is 422. completedAt is an ISO 8601 instant with offset; its local date in the client's time zone must lie within the assignment's dates, and it may be at most 5 minutes in the future.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/completions", async (Guid assignmentId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCompletionsQuery(assignmentId), ct)))
            .WithName("listCompletions")
            .WithSummary("List an assignment's completions, newest first")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/skips", async (Guid assignmentId, ReportSkipCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var skip = await mediator.Send(command with { AssignmentId = assignmentId }, ct);
                return TypedResults.Created($"/api/v1/assignments/{assignmentId}/skips/{skip.Id}", skip);
            })
            .RequireIdempotencyKey()
            .WithName("reportSkip")
            .WithSummary("Report a skipped practice and why")
            .WithDescription("Clients only. reason is one of forgot, no_time, too_distressing, unclear, not_helpful, other. Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }
}
