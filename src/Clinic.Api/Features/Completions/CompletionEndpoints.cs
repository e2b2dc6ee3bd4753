using Clinic.Api.Common.Http;
using Clinic.Api.Common.OpenApi;
using Mediator;

namespace Clinic.Api.Features.Completions;

public static class CompletionEndpoints
{
    public static IEndpointRouteBuilder MapCompletionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assignments/{assignmentId}").WithTags("Completions");

        group.MapPost("/completions", async (Guid assignmentId, SubmitCompletionCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var completion = await mediator.Send(command with { AssignmentId = assignmentId }, ct);
                return TypedResults.Created($"/api/v1/me/completions/{completion.Id}", completion);
            })
            .RequireIdempotencyKey()
            .WithName("submitCompletion")
            .WithSummary("Log a completed practice")
            .WithDescription("Clients only, for their own assignments. Requires an Idempotency-Key header: a replay with the same key and body returns the original 201; the same key with another body is 422. completedAt is an ISO 8601 instant with offset; its local date in the client's time zone must lie within the assignment's dates, and it may be at most 5 minutes in the future. context is scheduled or in_the_moment (practice in a hard moment); it defaults to scheduled, or to in_the_moment for an as-needed assignment.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/completions", async (Guid assignmentId, Guid? before, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var page = await mediator.Send(new ListCompletionsQuery(assignmentId, before, limit), ct);
                if (page.NextBefore is { } next)
                {
                    var query = limit is null ? $"before={next}" : $"before={next}&limit={limit}";
                    http.Response.Headers.Link = $"</api/v1/assignments/{assignmentId}/completions?{query}>; rel=\"next\"";
                }

                return TypedResults.Ok(page.Items);
            })
            .WithName("listCompletions")
            .WithSummary("List an assignment's completions, newest first")
            .WithDescription($"Whoever may see the client. Audited. Staff read a reflection only while the client shares it. Voided completions are not listed. "
                + $"A page holds limit completions (1 to {ListCompletionsQuery.MaxLimit}, default {ListCompletionsQuery.MaxLimit}); when older ones remain, "
                + "the Link header (rel=\"next\") gives the address of the next page, whose before is the id of this page's last completion.")
            .WithResponseHeader(StatusCodes.Status200OK, "Link", "When older completions remain: <address of the next page>; rel=\"next\" (RFC 8288).")
            .ProducesValidationProblem()
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

        group.MapGet("/skips/{skipId}", async (Guid assignmentId, Guid skipId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetSkipQuery(assignmentId, skipId), ct)))
            .WithName("getSkip")
            .WithSummary("Read a skip report")
            .WithDescription("Whoever may list the assignment's completions: the client, and staff who may see the client. Audited. Staff read the "
                + "note only while the client shares it (shareWithTherapist); otherwise it is null. A skip of another assignment is 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/me/completions", async (LogMyPracticeCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var completion = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/me/completions/{completion.Id}", completion);
            })
            .RequireIdempotencyKey()
            .WithTags("Client app")
            .WithName("logMyPractice")
            .WithSummary("Log a practice of any exercise, e.g. in a hard moment")
            .WithDescription("Clients only. exerciseKey names any exercise of the library, assigned or not; context is in_the_moment (after "
                + "GET /me/support-now) or scheduled. When an active plan of the client assigns that exercise on the local date of completedAt, "
                + "the completion counts for that assignment exactly as POST /assignments/{id}/completions does (an assignment with a schedule "
                + "before an as-needed one, then the latest started plan, then the plan's order); otherwise it is the client's own practice, "
                + "outside any plan (assignmentId and planId null), which session prep and the timeline still show. A retired exercise the "
                + "client has no active assignment of, or an unknown key, is 422. completedAt may be at most 5 minutes in the future. The "
                + "reflection is private unless shareWithTherapist. Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var mine = api.MapGroup("/me/completions/{completionId}").WithTags("Client app");

        mine.MapGet("/", async (Guid completionId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMyCompletionQuery(completionId), ct)))
            .WithName("getMyCompletion")
            .WithSummary("Read one of my completions")
            .WithDescription("Clients only, their own completions (voided ones too), with everything they wrote. Anyone else's is 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mine.MapPatch("/", async (Guid completionId, ChangeMyCompletionCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { CompletionId = completionId }, ct)))
            .WithName("changeMyCompletion")
            .RequireIdempotencyKey()
            .WithSummary("Share or withdraw my reflection, or correct my completion")
            .WithDescription("Clients only, their own completions. shareWithTherapist true shares the reflection with staff, false withdraws it at once "
                + "(also from reflectionsShared in summaries); allowed at any time. completedAt, durationMinutes, distressBefore, distressAfter and "
                + "helpfulness correct the completion within 7 days of logging it (422 after, 409 once voided); absent fields stay as they are. "
                + "Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        mine.MapDelete("/reflection", async (Guid completionId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new EraseMyReflectionCommand(completionId), ct)))
            .WithName("eraseMyReflection")
            .RequireIdempotencyKey()
            .WithSummary("Erase the text of my reflection")
            .WithDescription("Clients only, their own completions, at any time. The completion stays and still counts; the reflection's text is deleted "
                + "from the database, not hidden. Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mine.MapPost("/void", async (Guid completionId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new VoidMyCompletionCommand(completionId), ct)))
            .WithName("voidMyCompletion")
            .RequireIdempotencyKey()
            .WithSummary("Void my completion")
            .WithDescription("Clients only, their own completions, within 7 days of logging them. A voided completion stops counting in every figure "
                + "from the moment it is voided (a summary as of an earlier instant still counts it) and is no longer listed. Voiding again "
                + "changes nothing. Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }
}
