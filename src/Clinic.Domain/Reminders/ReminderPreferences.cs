using NodaTime;

namespace Clinic.Domain.Reminders;

/// <summary>
/// How a client wants to be reminded: at all or not, and not in their quiet hours. One per client; a client who
/// never set any has the defaults (<see cref="Default"/>): reminded, no quiet hours.
/// </summary>
public sealed class ReminderPreferences
{
    private ReminderPreferences(Guid clientId) => ClientId = clientId;

    public Guid ClientId { get; private set; }

    public bool Enabled { get; private set; } = true;

    public QuietHours? QuietHours
    {
        get => QuietStart is { } start && QuietEnd is { } end ? QuietHours.Create(start, end) : null;
        private set => (QuietStart, QuietEnd) = (value?.Start, value?.End);
    }

    /// <summary>When the client last changed them; null for the defaults.</summary>
    public Instant? UpdatedAt { get; private set; }

    // Stored as two columns; both set or both null.
    private LocalTime? QuietStart { get; set; }

    private LocalTime? QuietEnd { get; set; }

    public static ReminderPreferences Default(Guid clientId) => new(clientId);

    public void Change(bool enabled, QuietHours? quietHours, Instant now)
    {
        Enabled = enabled;
        QuietHours = quietHours;
        UpdatedAt = now;
    }
}
