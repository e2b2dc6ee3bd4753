using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// An assignment's completions, newest first (at most <see cref="MaxItems"/>), each as the caller may see it;
/// voided completions are not listed.
/// </summary>
public sealed record ListCompletionsQuery(Guid AssignmentId) : IQuery<IReadOnlyList<CompletionResponse>>
{
    public const int MaxItems = 1000;
}

public sealed class ListCompletionsHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<ListCompletionsQuery, IReadOnlyList<CompletionResponse>>
{
    public async ValueTask<IReadOnlyList<CompletionResponse>> Handle(ListCompletionsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var (plan, assignment, zone) = await access.AssignmentAsync(query.AssignmentId, cancellationToken);
        var completions = await db.Completions.AsNoTracking()
            .Where(c => c.AssignmentId == assignment.Id && c.VoidedAt == null)
            .OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.Id)
            .Take(ListCompletionsQuery.MaxItems)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync("completion.list", "assignment", assignment.Id, plan.ClientId, cancellationToken);
        var reader = caller.Reader;
        return completions.ConvertAll(c => CompletionResponse.For(c, zone, reader));
    }
}
