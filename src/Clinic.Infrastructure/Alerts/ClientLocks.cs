using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Infrastructure.Alerts;

/// <summary>
/// Serialises the writes that decide a client's safety alerts: a transaction-scoped advisory lock on the client, so two
/// submissions of one client at once never both open an alert of the same cause, and a rule that looks at the
/// client's other submissions (two distressing skips) sees the one committed just before it. Released at commit.
/// </summary>
public static class ClientLocks
{
    /// <summary>A key space of our own, so these locks never meet another feature's advisory locks.</summary>
    private const int AlertKeySpace = 0x5AFE;

    public static Task LockForAlertsAsync(ClinicDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({AlertKeySpace}, hashtext({clientId.ToString()}))", cancellationToken);
}
