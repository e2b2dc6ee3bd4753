using Clinic.Domain.Clients;
using Clinic.Domain.Completions;
using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using Clinic.Domain.Practices;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Infrastructure.Persistence;

public sealed class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : DbContext(options)
{
    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<Exercise> Exercises => Set<Exercise>();

    public DbSet<HomeworkPlan> Plans => Set<HomeworkPlan>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<Completion> Completions => Set<Completion>();

    public DbSet<SkipReport> SkipReports => Set<SkipReport>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
}
