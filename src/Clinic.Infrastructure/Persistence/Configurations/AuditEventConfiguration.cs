using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.SubjectId).HasMaxLength(128);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.ResourceType).HasMaxLength(64);
        builder.Property(a => a.Outcome).HasMaxLength(16);
        builder.Property(a => a.RequestId).HasMaxLength(128);
        builder.Property(a => a.SourceAddress).HasMaxLength(64);
        builder.HasIndex(a => new { a.PracticeId, a.ClientId, a.OccurredAt });
        builder.HasIndex(a => new { a.PracticeId, a.OccurredAt });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.SubjectId).HasMaxLength(128);
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => new { r.SubjectId, r.Key }).IsUnique().HasDatabaseName(IdempotencyRecord.UniqueKeyName);
    }
}
