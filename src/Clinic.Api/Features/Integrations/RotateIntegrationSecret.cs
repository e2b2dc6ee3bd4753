using Clinic.Api.Common.Auth;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

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
