using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// An assignment's completions, newest first, each as the caller may see it; voided completions are not listed.
/// A page holds at most <see cref="Limit"/> (default and most <see cref="MaxLimit"/>); <see cref="Before"/>, the id of
/// the last completion of the previous page, continues after it.
/// </summary>
public sealed record ListCompletionsQuery(Guid AssignmentId, Guid? Before = null, int? Limit = null) : IQuery<CompletionPage>
{
    public const int MaxLimit = 1000;
}

/// <summary>A page of completions; <see cref="NextBefore"/> is set when older ones remain.</summary>
public sealed record CompletionPage(IReadOnlyList<CompletionResponse> Items, Guid? NextBefore);

public sealed class ListCompletionsValidator : AbstractValidator<ListCompletionsQuery>
{
    public ListCompletionsValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ListCompletionsQuery.MaxLimit).OverridePropertyName("limit");
}

public sealed class ListCompletionsHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<ListCompletionsQuery, CompletionPage>
{
    public async ValueTask<CompletionPage> Handle(ListCompletionsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.ClientDataRoles);
        var (plan, assignment, zone) = await access.AssignmentAsync(query.AssignmentId, cancellationToken);
        var completions = db.Completions.AsNoTracking().Where(c => c.AssignmentId == assignment.Id && c.VoidedAt == null);
        if (query.Before is { } before)
        {
            // The cursor's own position, also when it has been voided since the previous page was read.
            var mark = await db.Completions.AsNoTracking()
                .Where(c => c.Id == before && c.AssignmentId == assignment.Id)
                .Select(c => new { c.CompletedAt, c.Id })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new BadParameterException("before", "before must be the id of a completion of this assignment, as in the Link header of the previous page.");
            completions = completions.Where(c => c.CompletedAt < mark.CompletedAt || (c.CompletedAt == mark.CompletedAt && c.Id.CompareTo(mark.Id) < 0));
        }

        var limit = query.Limit ?? ListCompletionsQuery.MaxLimit;
        var page = await completions
            .OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = page.Count > limit ? page.GetRange(0, limit) : page;
        await audit.RecordReadAsync("completion.list", "assignment", assignment.Id, plan.ClientId, cancellationToken);
        var reader = caller.Reader;
        return new CompletionPage(items.ConvertAll(c => CompletionResponse.For(c, zone, reader)), page.Count > limit ? items[^1].Id : null);
    }
}
