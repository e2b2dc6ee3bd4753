using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>
/// Gives an integration a new secret; the old one stops working at once. An integration that signed client assertions
/// authenticates with the secret from now on: its keys are removed.
/// </summary>
public sealed record RotateIntegrationSecretCommand(string ClientId) : ICommand<IntegrationClientResponse>;

public sealed class RotateIntegrationSecretHandler(IOpenIddictApplicationManager applications, Caller caller, AuditTrail audit)
    : ICommandHandler<RotateIntegrationSecretCommand, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(RotateIntegrationSecretCommand command, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, command.ClientId, cancellationToken);
        var secret = IntegrationSecrets.New();
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        descriptor.JsonWebKeySet = null;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        audit.Record("integration.rotate_secret", "integration", await IntegrationSecrets.IdOfAsync(applications, application, cancellationToken), clientId: null);
        var described = await IntegrationSecrets.DescribeAsync(applications, application, caller.Practice, cancellationToken);
        return described with { ClientSecret = secret };
    }
}
