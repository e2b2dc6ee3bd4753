using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Timeline;

public static class TimelineEndpoints
{
    private const string Shape =
        "from and to: local dates (yyyy-MM-dd) in the client's time zone, both included; to defaults to today, from to 27 days before to; at most 366 days. "
        + "days holds one entry per local day: due (daily assignments due that day with expected = timesPerDay and done = that day's completions; "
        + "once assignments on their due date, done 1 when completed by then), expected and credited (the day's due entries added up, done capped at expected), "
        + "completions (time, local time HH:mm, exercise, duration, distress before and after, helpfulness, reflection as the caller may read it) "
        + "and skips (reason, note as the caller may read it). Weekly assignments are due per 7-day period, not per day: weeklyPeriods lists the periods the range touches. "
        + "Voided completions are not shown; days a plan was paused have nothing due.";

    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/clients/{clientId}/timeline", async (Guid clientId, [FromQuery] string? from, [FromQuery] string? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTimelineQuery(clientId, from, to), ct)))
            .WithName("getClientTimeline")
            .WithTags("Timeline")
            .WithSummary("A client's practice day by day")
            .WithDescription(Shape + " Roles: admin, integration (practice), therapist (own clients). Staff read a reflection or note only while the client shares it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/me/timeline", async ([FromQuery] string? from, [FromQuery] string? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTimelineQuery(null, from, to), ct)))
            .WithName("getMyTimeline")
            .WithTags("Client app")
            .WithSummary("My practice day by day")
            .WithDescription(Shape + " Clients only, with everything they wrote.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
