using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Clients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Clients;

/// <summary>The clients the caller may see, filtered, a page at a time (cursor = id of the last item).</summary>
public sealed record ListClientsQuery(Guid? TherapistId, string? ExternalId, string? Status, string? Cursor, int? Limit) : IQuery<ClientPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

public sealed class ListClientsValidator : AbstractValidator<ListClientsQuery>
{
    public ListClientsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListClientsQuery.MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.Status).Must(s => s is null or "active" or "discharged").WithMessage("status must be \"active\" or \"discharged\".");
        RuleFor(q => q.Cursor).Must(c => c is null || Guid.TryParse(c, out _)).WithMessage("cursor must be the nextCursor of a previous page.");
        RuleFor(q => q.ExternalId).MaximumLength(Client.ExternalIdMaxLength);
    }
}

public sealed class ListClientsHandler(Access access, Caller caller, AuditTrail audit) : IQueryHandler<ListClientsQuery, ClientPage>
{
    public async ValueTask<ClientPage> Handle(ListClientsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var clients = access.VisibleClients().AsNoTracking();
        if (query.TherapistId is { } therapistId)
        {
            clients = clients.Where(c => c.PrimaryTherapistId == therapistId);
        }

        if (query.ExternalId is { } externalId)
        {
            clients = clients.Where(c => c.ExternalId == externalId);
        }

        if (query.Status is { } status)
        {
            var wanted = status == "active" ? ClientStatus.Active : ClientStatus.Discharged;
            clients = clients.Where(c => c.Status == wanted);
        }

        if (query.Cursor is { } cursor)
        {
            var after = Guid.Parse(cursor);
            clients = clients.Where(c => c.Id.CompareTo(after) > 0);
        }

        var limit = query.Limit ?? ListClientsQuery.DefaultLimit;
        var page = await clients.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).ToList();
        await audit.RecordReadsAsync("client.list", "client", items.Select(c => (c.Id, c.Id)), cancellationToken);
        return new ClientPage(items.ConvertAll(ClientResponse.From), page.Count > limit ? items[^1].Id.ToString() : null);
    }
}
