using Mediator;

namespace Clinic.Api.Features.Onboarding;

public static class OnboardingEndpoints
{
    public static IEndpointRouteBuilder MapOnboardingEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/clients/{clientId}/invitations", async (Guid clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/clients/{clientId}", await mediator.Send(new CreateInvitationCommand(clientId), ct)))
            .WithName("createInvitation")
            .WithTags("Client app")
            .WithSummary("Create a one-time sign-in code for a client's app")
            .WithDescription("Roles: therapist (own clients), admin, integration. The code (10 characters, no look-alike letters) works once and expires after 7 days. The app posts grant_type=urn:clinic:params:oauth:grant-type:invitation, code, client_id=clinic-app and scope=offline_access to /connect/token.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
