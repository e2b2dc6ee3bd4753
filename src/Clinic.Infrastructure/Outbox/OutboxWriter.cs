using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Domain.Common;
using Clinic.Infrastructure.Persistence;
using NodaTime;
using NodaTime.Text;

namespace Clinic.Infrastructure.Outbox;

/// <summary>
/// Takes the events the tracked aggregates raised and adds them to the outbox of the same unit of work, so an
/// event is stored exactly when its change is.
/// </summary>
public static class OutboxWriter
{
    /// <summary>Events as receivers see them: camelCase ids, reasons as their snake_case codes.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <returns>How many events were added.</returns>
    public static int AddRaisedEvents(ClinicDbContext db, Instant now)
    {
        var raised = db.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.TakeEvents()).ToList();
        foreach (var domainEvent in raised)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                EventId = Guid.CreateVersion7(),
                Type = domainEvent.Type,
                PracticeId = domainEvent.PracticeId,
                ClientId = domainEvent.ClientId,
                Payload = Envelope(domainEvent, now),
                OccurredAt = now,
            });
        }

        return raised.Count;
    }

    /// <summary>The body receivers get: <c>{ "type", "timestamp", "data" }</c>, as the Standard Webhooks specification suggests.</summary>
    private static string Envelope(DomainEvent domainEvent, Instant now) => JsonSerializer.Serialize(
        new Dictionary<string, object>
        {
            ["type"] = domainEvent.Type,
            ["timestamp"] = InstantPattern.ExtendedIso.Format(now),
            ["data"] = domainEvent,
        },
        Json);
}
