using Clinic.Api.Features.Plans;
using Mediator;

namespace Clinic.Api.Features.Me;

/// <summary>What the client app calls for the signed-in client.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Client app");

        group.MapGet("/plans", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListPlansQuery(null), ct)))
            .WithSummary("The signed-in client's plans")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }
}
