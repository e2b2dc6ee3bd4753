using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>Removes an integration and revokes every token it holds.</summary>
public sealed record RevokeIntegrationCommand(string ClientId) : ICommand<Unit>;

public sealed class RevokeIntegrationHandler(IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, Caller caller, AuditTrail audit)
    : ICommandHandler<RevokeIntegrationCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeIntegrationCommand command, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, command.ClientId, cancellationToken);
        var id = await applications.GetIdAsync(application, cancellationToken);
        await tokens.RevokeByApplicationIdAsync(id!, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        audit.Record("integration.revoke", "integration", Guid.TryParse(id, out var resourceId) ? resourceId : null, clientId: null);
        return Unit.Value;
    }
}
