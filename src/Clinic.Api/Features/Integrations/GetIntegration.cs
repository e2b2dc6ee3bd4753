using Clinic.Api.Common.Auth;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

/// <summary>One integration of the admin's practice, as the list shows it: its secret is never shown again.</summary>
public sealed record GetIntegrationQuery(string ClientId) : IQuery<IntegrationClientResponse>;

public sealed class GetIntegrationHandler(IOpenIddictApplicationManager applications, Caller caller)
    : IQueryHandler<GetIntegrationQuery, IntegrationClientResponse>
{
    public async ValueTask<IntegrationClientResponse> Handle(GetIntegrationQuery query, CancellationToken cancellationToken)
    {
        var application = await IntegrationSecrets.OwnApplicationAsync(applications, caller, query.ClientId, cancellationToken);
        return await IntegrationSecrets.DescribeAsync(applications, application, caller.Practice, cancellationToken);
    }
}
