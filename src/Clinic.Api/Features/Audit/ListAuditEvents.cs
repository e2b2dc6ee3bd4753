using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Json;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Audit;

/// <summary>
/// The practice's audit trail for its admins: who read or wrote which client's data, when, and with what
/// outcome; newest first, a page at a time (cursor = id of the last event of the previous page).
/// </summary>
public sealed record ListAuditEventsQuery(Guid? ClientId, string? From, string? To, long? Cursor, int? Limit) : IQuery<AuditPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

public sealed record AuditEventResponse(
    long Id,
    Instant OccurredAt,
    string SubjectId,
    string Role,
    string Action,
    string ResourceType,
    Guid? ResourceId,
    Guid? ClientId,
    string Outcome,
    string? RequestId,
    string? SourceAddress);

public sealed record AuditPage(IReadOnlyList<AuditEventResponse> Items, long? NextCursor);

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAuditEventsQuery.MaxLimit);
        RuleFor(q => q.From).Must(BeAnInstant).WithMessage("from must be an ISO 8601 instant, e.g. 2026-03-01T00:00:00Z.");
        RuleFor(q => q.To).Must(BeAnInstant).WithMessage("to must be an ISO 8601 instant, e.g. 2026-03-31T00:00:00Z.");
        RuleFor(q => q.Cursor).GreaterThan(0);
    }

    private static bool BeAnInstant(string? text) => text is null || WireFormats.ParseInstant(text) is not null;
}

public sealed class ListAuditEventsHandler(ClinicDbContext db, Caller caller, AuditTrail audit) : IQueryHandler<ListAuditEventsQuery, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var practiceId = caller.Practice;
        var events = db.AuditEvents.AsNoTracking().Where(e => e.PracticeId == practiceId);
        if (query.ClientId is { } clientId)
        {
            events = events.Where(e => e.ClientId == clientId);
        }

        if (query.From is { } fromText && WireFormats.ParseInstant(fromText) is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } toText && WireFormats.ParseInstant(toText) is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        if (query.Cursor is { } cursor)
        {
            events = events.Where(e => e.Id < cursor);
        }

        var limit = query.Limit ?? ListAuditEventsQuery.DefaultLimit;
        var page = await events.OrderByDescending(e => e.Id).Take(limit + 1)
            .Select(e => new AuditEventResponse(e.Id, e.OccurredAt, e.SubjectId, e.Role, e.Action, e.ResourceType, e.ResourceId, e.ClientId, e.Outcome, e.RequestId, e.SourceAddress))
            .ToListAsync(cancellationToken);
        var items = page.Take(limit).ToList();
        await audit.RecordReadAsync("audit.read", "audit", null, query.ClientId, cancellationToken);
        return new AuditPage(items, page.Count > limit ? items[^1].Id : null);
    }
}
