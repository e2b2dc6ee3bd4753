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
            .WithDescription("Admins only. Without jwks, returns clientId and clientSecret; the secret is shown only here. With jwks (a JSON Web Key Set of the integration's public RSA or EC signing keys, each with a kid, no private parts), the integration gets no secret and authenticates with a client assertion signed by one of those keys (private_key_jwt, RFC 7523, as in SMART Backend Services): client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer, iss and sub the clientId, aud the token endpoint's URL, a unique jti, exp at most five minutes ahead. Either way the integration then posts grant_type=client_credentials to /connect/token and gets tokens with role integration for this practice.")
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
            .WithDescription("Admins only. Returns the new clientSecret, shown only here; the old secret stops working at once. An integration that authenticated with keys switches to the secret and its keys are removed.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{clientId}/keys", async (string clientId, ReplaceIntegrationKeysCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { ClientId = clientId }, ct)))
            .WithName("replaceIntegrationKeys")
            .WithSummary("Set the public keys an integration signs its client assertions with")
            .WithDescription("Admins only. The set replaces the integration's keys, and its secret if it had one: assertions signed with a key no longer listed are refused at once. To rotate, send the old and the new key, then the new key alone once the integration signs with it.")
            .ProducesValidationProblem()
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
