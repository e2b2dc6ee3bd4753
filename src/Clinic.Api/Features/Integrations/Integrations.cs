using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Http;
using Clinic.Api.Features.Tokens;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Clinic.Api.Features.Integrations;

/// <summary>An EHR integration's OAuth2 client. The secret is shown once, when it is made; only its hash is kept.</summary>
public sealed record IntegrationClientResponse(string ClientId, string DisplayName, Guid PracticeId, string? ClientSecret = null);

/// <summary>Registers an EHR integration of the admin's practice for the client-credentials grant.</summary>
public sealed record RegisterIntegrationCommand(string DisplayName) : ICommand<IntegrationClientResponse>;

public sealed class RegisterIntegrationValidator : AbstractValidator<RegisterIntegrationCommand>
{
    public RegisterIntegrationValidator() => RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
}

public sealed class RegisterIntegrationHandler(IOpenIddictApplicationManager applications, Caller caller)
    : ICommandHandler<RegisterIntegrationCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(RegisterIntegrationCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var clientId = "ehr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = IntegrationSecrets.New();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = command.DisplayName.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Properties[TokenService.PracticeProperty] = JsonSerializer.SerializeToElement(practiceId.ToString());
        await applications.CreateAsync(descriptor, cancellationToken);
        return new IntegrationClientResponse(clientId, descriptor.DisplayName, practiceId, secret);
    }
}

public sealed record ListIntegrationsQuery : IQuery<IReadOnlyList<IntegrationClientResponse>>;

public sealed class ListIntegrationsHandler(IOpenIddictApplicationManager applications, Caller caller)
    : IQueryHandler<ListIntegrationsQuery, IReadOnlyList<IntegrationClientResponse>>
{
    public async ValueTask<IReadOnlyList<IntegrationClientResponse>> Handle(ListIntegrationsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var result = new List<IntegrationClientResponse>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await IntegrationSecrets.PracticeOfAsync(applications, application, cancellationToken) == practiceId)
            {
                result.Add(new IntegrationClientResponse(
                    (await applications.GetClientIdAsync(application, cancellationToken))!,
                    await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                    practiceId));
            }
        }

        return result;
    }
}

/// <summary>Replaces an integration's secret; the old one stops working at once.</summary>
public sealed record RotateIntegrationSecretCommand(string ClientId) : ICommand<IntegrationClientResponse>;

public sealed class RotateIntegrationSecretHandler(IOpenIddictApplicationManager applications, Caller caller)
    : ICommandHandler<RotateIntegrationSecretCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(RotateIntegrationSecretCommand command, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, command.ClientId, cancellationToken);
        var secret = IntegrationSecrets.New();
        await applications.UpdateAsync(application, secret, cancellationToken);
        return new IntegrationClientResponse(command.ClientId, await applications.GetDisplayNameAsync(application, cancellationToken) ?? "", caller.Practice, secret);
    }
}

/// <summary>Removes an integration and revokes every token it holds.</summary>
public sealed record RevokeIntegrationCommand(string ClientId) : ICommand<Unit>;

public sealed class RevokeIntegrationHandler(IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, Caller caller)
    : ICommandHandler<RevokeIntegrationCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeIntegrationCommand command, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, command.ClientId, cancellationToken);
        var id = await applications.GetIdAsync(application, cancellationToken);
        await tokens.RevokeByApplicationIdAsync(id!, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        return Unit.Value;
    }
}

internal static class IntegrationSecrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<Guid?> PracticeOfAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(TokenService.PracticeProperty, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : null;
    }

    public static async Task<object> OwnApplicationAsync(IOpenIddictApplicationManager applications, Caller caller, string clientId, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var application = clientId.Length <= 100 ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;
        return application is not null && await PracticeOfAsync(applications, application, cancellationToken) == caller.Practice
            ? application
            : throw new NotFoundException("integration", null);
    }
}

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
