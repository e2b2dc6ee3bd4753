using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Support;

/// <summary>What the client app calls in a hard moment.</summary>
public static class SupportEndpoints
{
    public static IEndpointRouteBuilder MapSupportEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me/support-now", async ([FromQuery] string? distress, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetSupportNowQuery(distress), ct)))
            .WithTags("Client app")
            .WithName("getSupportNow")
            .WithSummary("What to do right now, in a hard moment")
            .WithDescription("Clients only. distress: how distressed the client feels now, a whole number 0..10 (required). practices holds at "
                + "most three exercises to do now, each with its steps (to show one at a time or read aloud), typical duration and why it is "
                + "offered: helped_you_before (the client's own rated practice that began within 2 points of this distress lowered it on average, "
                + "over at least 3 uses; largest mean drop first), your_therapist_suggested (the therapist's as-needed assignments of active "
                + "plans, latest started plan first), quick_in_the_moment (the library's in_the_moment practices of at most 10 minutes, shortest "
                + "first); each exercise once. crisisResources is the practice's crisis resources (or the default) when distress is at or above "
                + "the practice's threshold, else null. Log what the client did with POST /me/completions (context in_the_moment). The read is audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
