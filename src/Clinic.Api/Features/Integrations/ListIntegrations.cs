using Clinic.Api.Common.Auth;
using Mediator;
using OpenIddict.Abstractions;

namespace Clinic.Api.Features.Integrations;

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
                result.Add(await IntegrationSecrets.DescribeAsync(applications, application, practiceId, cancellationToken));
            }
        }

        return result;
    }
}
