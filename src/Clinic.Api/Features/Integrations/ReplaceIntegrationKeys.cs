using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>
/// Sets the public keys an integration signs its client assertions with. Assertions signed with a key no longer in the
/// set are refused at once; an integration that had a secret loses it (rotating in a new key: send the old and the new
/// key, then, once the integration signs with the new one, the new key alone).
/// </summary>
public sealed record ReplaceIntegrationKeysCommand(JsonElement Jwks) : ICommand<IntegrationClientResponse>
{
    [JsonIgnore]
    public string ClientId { get; init; } = "";
}

public sealed class ReplaceIntegrationKeysValidator : AbstractValidator<ReplaceIntegrationKeysCommand>
{
    public ReplaceIntegrationKeysValidator() =>
        RuleFor(c => c.Jwks).Custom((jwks, context) =>
        {
            if (IntegrationKeys.ProblemWith(jwks) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
}

public sealed class ReplaceIntegrationKeysHandler(IOpenIddictApplicationManager applications, Caller caller, AuditTrail audit)
    : ICommandHandler<ReplaceIntegrationKeysCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(ReplaceIntegrationKeysCommand command, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, command.ClientId, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = null;
        descriptor.JsonWebKeySet = IntegrationKeys.Parse(command.Jwks);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        audit.Record("integration.replace_keys", "integration", await IntegrationSecrets.IdOfAsync(applications, application, cancellationToken), clientId: null);
        return await IntegrationSecrets.DescribeAsync(applications, application, caller.Practice, cancellationToken);
    }
}
