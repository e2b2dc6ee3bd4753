using Clinic.Domain.Reminders;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Infrastructure.Reminders;

/// <summary>Saves a client's reminder preferences whether or not they were saved before, in the current unit of work.</summary>
public static class ReminderPreferencesStore
{
    /// <summary>
    /// One upsert: two first saves of one client at once (two devices) both succeed and leave one row, the later
    /// one's, where reading then inserting would make the slower one fail on the primary key.
    /// </summary>
    public static Task UpsertAsync(ClinicDbContext db, ReminderPreferences preferences, CancellationToken cancellationToken)
    {
        var (start, end) = (preferences.QuietHours?.Start, preferences.QuietHours?.End);
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO reminder_preferences (client_id, enabled, quiet_start, quiet_end, updated_at)
            VALUES ({preferences.ClientId}, {preferences.Enabled}, {start}, {end}, {preferences.UpdatedAt})
            ON CONFLICT (client_id) DO UPDATE
            SET enabled = excluded.enabled, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = excluded.updated_at
            """,
            cancellationToken);
    }
}
