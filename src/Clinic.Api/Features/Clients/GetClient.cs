using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;

namespace Clinic.Api.Features.Clients;

public sealed record GetClientQuery(Guid ClientId) : IQuery<ClientResponse>;

public sealed class GetClientHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<GetClientQuery, ClientResponse>
{
    public async ValueTask<ClientResponse> Handle(GetClientQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var client = await access.ClientAsync(query.ClientId, cancellationToken);
        await audit.RecordReadAsync("client.read", "client", client.Id, client.Id, cancellationToken);
        return ClientResponse.From(client);
    }
}
