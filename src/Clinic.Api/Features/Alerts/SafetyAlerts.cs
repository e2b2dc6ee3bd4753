using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Alerts;
using Clinic.Domain.Completions;
using Clinic.Domain.Measures;
using Clinic.Domain.Practices;
using Clinic.Infrastructure.Alerts;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Alerts;

/// <summary>
/// Opens safety alerts when a submission meets a rule of <see cref="SafetyRules"/>: every command that records a
/// completion, a skip or a measure response calls one method here, inside its unit of work. A client has at most one
/// open alert per cause; the same rule firing again while it is open is recorded on that alert. When the client's own
/// submission fired a rule, the answer is the practice's crisis resources (<see cref="CrisisSupport.Shown"/>, the
/// same support-now shows), for the app to show at once; otherwise null.
/// </summary>
public sealed class SafetyAlerts(ClinicDbContext db, Caller caller, AuditTrail audit, IClock clock)
{
    public Task<IReadOnlyList<CrisisResource>?> AfterCompletionAsync(Completion completion, CancellationToken cancellationToken) =>
        RaiseAsync(SafetyRules.For(completion), locked: false, cancellationToken);

    public Task<IReadOnlyList<CrisisResource>?> AfterMeasureAsync(MeasureResponse response, CancellationToken cancellationToken) =>
        RaiseAsync(SafetyRules.For(response), locked: false, cancellationToken);

    public async Task<IReadOnlyList<CrisisResource>?> AfterSkipAsync(SkipReport skip, CancellationToken cancellationToken)
    {
        if (skip.Reason != SkipReason.TooDistressing)
        {
            return null;
        }

        // Locked before looking: a distressing skip committed by another request a moment ago is then seen here.
        await ClientLocks.LockForAlertsAsync(db, skip.ClientId, cancellationToken);
        var (from, to) = SafetyRules.SkipWindowAround(skip.Date);
        var others = await db.SkipReports.AsNoTracking()
            .Where(s => s.ClientId == skip.ClientId && s.Id != skip.Id && s.Reason == SkipReason.TooDistressing && s.Date >= from && s.Date <= to)
            .Select(s => s.Date)
            .ToListAsync(cancellationToken);
        return await RaiseAsync(SafetyRules.For(skip, others), locked: true, cancellationToken);
    }

    private async Task<IReadOnlyList<CrisisResource>?> RaiseAsync(AlertTrigger? trigger, bool locked, CancellationToken cancellationToken)
    {
        if (trigger is null)
        {
            return null;
        }

        if (!locked)
        {
            await ClientLocks.LockForAlertsAsync(db, trigger.ClientId, cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        var open = await db.SafetyAlerts.FirstOrDefaultAsync(
            a => a.ClientId == trigger.ClientId && a.Cause == trigger.Cause && a.Status == AlertStatus.Open, cancellationToken);
        if (open is null)
        {
            open = SafetyAlert.Open(trigger, now);
            db.SafetyAlerts.Add(open);
            audit.Record("alert.open", "alert", open.Id, trigger.ClientId);
        }
        else
        {
            open.Retrigger(trigger, now);
            audit.Record("alert.retrigger", "alert", open.Id, trigger.ClientId);
        }

        if (!caller.Is(Roles.Client))
        {
            return null;
        }

        var practice = await db.Practices.AsNoTracking().FirstAsync(p => p.Id == trigger.PracticeId, cancellationToken);
        return practice.CrisisSupport.Shown;
    }
}
