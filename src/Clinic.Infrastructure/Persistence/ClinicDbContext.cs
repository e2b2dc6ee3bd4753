using Clinic.Domain.Alerts;
using Clinic.Domain.Clients;
using Clinic.Domain.Completions;
using Clinic.Domain.Exercises;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using Clinic.Domain.Practices;
using Clinic.Domain.Reminders;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Idempotency;
using Clinic.Infrastructure.Outbox;
using Clinic.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Clinic.Infrastructure.Persistence;

public sealed class ClinicDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>
    /// Savepoints are off: a unit of work that fails is rolled back and run again whole by the retrying execution
    /// strategy, never resumed from the middle, so a savepoint around each SaveChanges only cost two more statements.
    /// </summary>
    public ClinicDbContext(DbContextOptions<ClinicDbContext> options)
        : base(options) =>
        Database.AutoSavepointsEnabled = false;

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<Exercise> Exercises => Set<Exercise>();

    public DbSet<HomeworkPlan> Plans => Set<HomeworkPlan>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<Completion> Completions => Set<Completion>();

    public DbSet<SkipReport> SkipReports => Set<SkipReport>();

    public DbSet<ClientInvitation> ClientInvitations => Set<ClientInvitation>();

    public DbSet<ReminderPreferences> ReminderPreferences => Set<ReminderPreferences>();

    public DbSet<MeasureSchedule> MeasureSchedules => Set<MeasureSchedule>();

    public DbSet<MeasureResponse> MeasureResponses => Set<MeasureResponse>();

    public DbSet<SafetyAlert> SafetyAlerts => Set<SafetyAlert>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>
    /// The key ring that protects the pages' cookies, their sign-in state and their anti-forgery tokens, shared by
    /// every replica (ADR 0063).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);

        // The token service's stores (OpenIddict) name their tables themselves; keep ours snake_case.
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");
    }
}
