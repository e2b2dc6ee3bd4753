using Clinic.Api.Common.Http;
using Mediator;

namespace Clinic.Api.Features.Measures;

public static class MeasureEndpoints
{
    public static IEndpointRouteBuilder MapMeasureEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/measures", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListInstrumentsQuery(), ct)))
            .WithName("listInstruments")
            .WithTags("Outcome measures")
            .WithSummary("The outcome measures: SCS-SF, PHQ-9 and GAD-7")
            .WithDescription("Every role. Each instrument with its items verbatim, the answers they take, scoring, bands, the constants of its "
                + "reliable change index, its LOINC code where one exists, citation and licence (docs/MEASURES.md).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var staff = api.MapGroup("/clients/{clientId}").WithTags("Outcome measures");

        staff.MapPost("/measure-schedules", async (Guid clientId, CreateMeasureScheduleCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var schedule = await mediator.Send(command with { ClientId = clientId }, ct);
                return TypedResults.Created($"/api/v1/clients/{clientId}/measure-schedules/{schedule.Id}", schedule);
            })
            .WithName("createMeasureSchedule")
            .WithSummary("Ask a client to complete a measure once, every N weeks, or before each session")
            .WithDescription("Roles: admin, integration, therapist (own caseload). measureKey: scs-sf, phq-9 or gad-7. kind: once (due from startDate "
                + "until answered), every_n_weeks with everyWeeks 1..52 (each period of N weeks from startDate asks for one response, from local "
                + "midnight), before_each_session (due from the same local time two days before the client's next session until it starts). "
                + "startDate: yyyy-MM-dd in the client's time zone, default today, within 366 days of today. dueSince and dueBy say what it asks for now.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        staff.MapGet("/measure-schedules", async (Guid clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListMeasureSchedulesQuery(clientId), ct)))
            .WithName("listMeasureSchedules")
            .WithSummary("A client's measure schedules and what each asks for now")
            .WithDescription("Roles: admin, integration, therapist (own caseload). Oldest first; status active, completed (a once schedule that was "
                + "answered) or stopped; dueSince/dueBy bound the occasion in progress while it has no response.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        staff.MapGet("/measure-schedules/{scheduleId}", async (Guid clientId, Guid scheduleId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMeasureScheduleQuery(clientId, scheduleId), ct)))
            .WithName("getMeasureSchedule")
            .WithSummary("A measure schedule of a client and what it asks for now")
            .WithDescription("Roles: admin, integration, therapist (own caseload). Audited. The schedule as listMeasureSchedules shows it; "
                + "another client's schedule is 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        staff.MapPost("/measure-schedules/{scheduleId}/stop", async (Guid clientId, Guid scheduleId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new StopMeasureScheduleCommand(clientId, scheduleId), ct)))
            .WithName("stopMeasureSchedule")
            .WithSummary("Stop a measure schedule")
            .WithDescription("Roles: admin, integration, therapist (own caseload). The schedule asks for nothing from now on; stopping it again changes nothing.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        staff.MapGet("/measures", async (Guid clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetClientMeasuresQuery(clientId), ct)))
            .WithName("getClientMeasures")
            .WithSummary("A client's outcome measures: each series with change from baseline and reliable change")
            .WithDescription("Roles: admin, integration, therapist (own caseload), the client themselves. Audited. For each instrument the responses oldest first, with "
                + "answers, score, band, change from the first response (the baseline), the Jacobson and Truax reliable change index and whether the "
                + "change is reliable (|index| > 1.96) and an improvement (higher SCS-SF, lower PHQ-9 and GAD-7).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var mine = api.MapGroup("/me/measures").WithTags("Client app");

        mine.MapGet("/due", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetMyDueMeasuresQuery(), ct)))
            .WithName("getMyDueMeasures")
            .WithSummary("The measures I am asked to complete now")
            .WithDescription("Clients only. One entry per measure that is due, with the instrument (items, answers) to render, dueSince and dueBy "
                + "(null: until answered). Answer with POST /api/v1/me/measures/{measureKey}/responses.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mine.MapPost("/{measureKey}/responses", async (string measureKey, RecordMeasureResponseCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(command with { MeasureKey = measureKey }, ct);
                return TypedResults.Created($"/api/v1/me/measures/{measureKey}/responses/{response.Id}", response);
            })
            .RequireIdempotencyKey()
            .WithName("answerMeasure")
            .WithSummary("Answer a measure")
            .WithDescription("Clients only. answers: the item values in item order, every item required and within the instrument's answers "
                + "(a 400 names each missing or invalid item, answers[3] for item 4); answeredAt: an ISO 8601 instant, at most 5 minutes ahead and "
                + "366 days back. The server computes score and band. When the answers open a safety alert (PHQ-9 item 9 above 0), the answer "
                + "carries crisisResources, the practice's crisis resources to show at once. Requires an Idempotency-Key header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        mine.MapGet("/{measureKey}/responses", async (string measureKey, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListMyMeasureResponsesQuery(measureKey), ct)))
            .WithName("listMyMeasureResponses")
            .WithSummary("My answers to a measure, oldest first")
            .WithDescription("Clients only, their own responses, with score and band.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mine.MapGet("/{measureKey}/responses/{responseId}", async (string measureKey, Guid responseId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMyMeasureResponseQuery(measureKey, responseId), ct)))
            .WithName("getMyMeasureResponse")
            .WithSummary("One of my answers to a measure")
            .WithDescription("Clients only, their own responses, with score and band. Audited. Anyone else's, or one to another measure, is 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
