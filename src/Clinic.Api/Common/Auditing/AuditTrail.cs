using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Persistence;
using NodaTime;

namespace Clinic.Api.Common.Auditing;

/// <summary>
/// Records reads and writes of client data. Entries join the request's unit of work, so a write and its audit
/// entry commit together; reads save their entries at once, and adherence reads send theirs in the same batch as
/// the read itself (<see cref="Reads"/>).
/// </summary>
public sealed class AuditTrail(ClinicDbContext db, Caller caller, IClock clock)
{
    public void Record(string action, string resourceType, Guid? resourceId, Guid? clientId, string outcome = "success") =>
        db.AuditEvents.Add(Entry(action, resourceType, resourceId, clientId, outcome));

    /// <summary>
    /// Reads to record in the same round trip as the read itself (the adherence reader writes them in its batch):
    /// one entry per resource, each naming its client.
    /// </summary>
    public AuditedReads Reads(string action, string resourceType, IReadOnlyList<(Guid ResourceId, Guid ClientId)> reads) =>
        new(Entry(action, resourceType, resourceId: null, clientId: null, "success"), reads);

    private AuditEvent Entry(string action, string resourceType, Guid? resourceId, Guid? clientId, string outcome) =>
        new()
        {
            OccurredAt = clock.GetCurrentInstant(),
            SubjectId = caller.SubjectId,
            Role = caller.Role,
            PracticeId = caller.PracticeId,
            Action = action,
            ResourceType = resourceType,
            ResourceId = resourceId,
            ClientId = clientId,
            Outcome = outcome,
            RequestId = caller.RequestId,
            SourceAddress = caller.SourceAddress,
        };

    /// <summary>
    /// Records a refused attempt (403, or 404 for something the caller may not see) in a unit of work of its
    /// own: the request's own changes are being thrown away.
    /// </summary>
    public static async Task RecordDeniedAsync(IServiceProvider requestServices, string resourceType, CancellationToken cancellationToken)
    {
        var caller = requestServices.GetRequiredService<Caller>();
        if (!caller.IsAuthenticated)
        {
            return;
        }

        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<IClock>();
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetCurrentInstant(),
            SubjectId = caller.SubjectId,
            Role = caller.Role,
            PracticeId = caller.PracticeId,
            Action = "access.denied",
            ResourceType = resourceType,
            Outcome = "denied",
            RequestId = caller.RequestId,
            SourceAddress = caller.SourceAddress,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records a read and saves it (reads have no other write to ride along with).</summary>
    public async Task RecordReadAsync(string action, string resourceType, Guid? resourceId, Guid? clientId, CancellationToken cancellationToken)
    {
        Record(action, resourceType, resourceId, clientId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records one read per client for listings (one batch insert).</summary>
    public async Task RecordReadsAsync(string action, string resourceType, IEnumerable<(Guid ResourceId, Guid ClientId)> items, CancellationToken cancellationToken)
    {
        foreach (var (resourceId, clientId) in items)
        {
            Record(action, resourceType, resourceId, clientId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
