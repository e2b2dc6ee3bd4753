using Clinic.Api.Common.Http;
using FluentValidation;
using Mediator;

namespace Clinic.Api.Features.Integrations;

public static class IntegrationEndpoints
{
    public static IEndpointRouteBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/integrations").WithTags("Integrations");

        group.MapPost("/", async (RegisterIntegrationCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var client = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/integrations/{client.ClientId}", client);
            })
            .WithoutIdempotencyReplay()
            .WithName("registerIntegration")
            .WithSummary("Register an EHR integration (OAuth2 client credentials)")
            .WithDescription("Admins only. Returns clientId and clientSecret; the secret is shown only here. The integration then posts grant_type=client_credentials to /connect/token and gets tokens with role integration for this practice.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListIntegrationsQuery(), ct)))
            .WithName("listIntegrations")
            .WithSummary("List the practice's integrations")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{clientId}", async (string clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetIntegrationQuery(clientId), ct)))
            .WithName("getIntegration")
            .WithSummary("Get one of the practice's integrations")
            .WithDescription("Admins only. The integration as the list shows it; its secret is never shown again. Another practice's is 404.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{clientId}/secret", async (string clientId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RotateIntegrationSecretCommand(clientId), ct)))
            .WithoutIdempotencyReplay()
            .WithName("rotateIntegrationSecret")
            .WithSummary("Rotate an integration's secret")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{clientId}", async (string clientId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeIntegrationCommand(clientId), ct);
                return TypedResults.NoContent();
            })
            .WithName("revokeIntegration")
            .WithSummary("Revoke an integration and its tokens")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
