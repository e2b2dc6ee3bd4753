using FluentValidation;
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
        return api;
    }
}
