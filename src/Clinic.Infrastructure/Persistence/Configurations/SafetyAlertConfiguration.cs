using Clinic.Domain.Alerts;
using Clinic.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class SafetyAlertConfiguration : IEntityTypeConfiguration<SafetyAlert>
{
    /// <summary>At most one open alert per client and cause; a second trigger is recorded on the open one.</summary>
    public const string OneOpenPerCause = "ux_safety_alerts_client_id_cause_open";

    public void Configure(EntityTypeBuilder<SafetyAlert> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Cause).HasConversion<string>().HasMaxLength(48);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.SourceType).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        builder.Property(a => a.ResolvedBy).HasMaxLength(200);
        builder.Property(a => a.AcknowledgeNote).HasMaxLength(SafetyAlert.NoteMaxLength);
        builder.Property(a => a.ResolutionNote).HasMaxLength(SafetyAlert.NoteMaxLength);
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.IsAcknowledged);
        builder.HasOne<Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(a => new { a.ClientId, a.Cause }).IsUnique().HasFilter("status = 'Open'").HasDatabaseName(OneOpenPerCause);
        builder.HasIndex(a => new { a.PracticeId, a.Status, a.Id });
    }
}
