using Clinic.Domain.Clients;
using Clinic.Domain.Practices;
using Clinic.Domain.Therapists;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Practice.NameMaxLength);
        builder.Property(p => p.DefaultTimeZone).HasMaxLength(64);

        // Two columns: the threshold, and the resources as JSON (a handful of short texts, always read together).
        builder.ComplexProperty(p => p.CrisisSupport, support =>
        {
            support.Ignore(s => s.Shown);
            support.Ignore(s => s.UsesDefault);
            support.Property(s => s.DistressThreshold).HasColumnName("crisis_distress_threshold").HasDefaultValue(CrisisSupport.DefaultThreshold);
            support.Property(s => s.Resources)
                .HasColumnName("crisis_resources")
                .HasColumnType("jsonb")
                .HasConversion(
                    resources => JsonSerializer.Serialize(resources, Json),
                    json => JsonSerializer.Deserialize<List<CrisisResource>>(json, Json) ?? new List<CrisisResource>(),
                    new ValueComparer<IReadOnlyList<CrisisResource>>(
                        (a, b) => a!.SequenceEqual(b!),
                        resources => resources.Aggregate(0, (hash, r) => HashCode.Combine(hash, r.GetHashCode())),
                        resources => resources.ToList()))
                .HasDefaultValueSql("'[]'::jsonb");
        });
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

internal sealed class TherapistConfiguration : IEntityTypeConfiguration<Therapist>
{
    public void Configure(EntityTypeBuilder<Therapist> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.DisplayName).HasMaxLength(Therapist.DisplayNameMaxLength);
        builder.Property(t => t.Email).HasMaxLength(Therapist.EmailMaxLength);
        builder.Property(t => t.ExternalId).HasMaxLength(Therapist.ExternalIdMaxLength);
        builder.HasOne<Practice>().WithMany().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PracticeId, t.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasIndex(t => new { t.PracticeId, t.Email }).IsUnique();
    }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.DisplayName).HasMaxLength(Client.DisplayNameMaxLength);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.ExternalId).HasMaxLength(Client.ExternalIdMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(c => c.Zone);
        builder.HasOne<Practice>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Therapist>().WithMany().HasForeignKey(c => c.PrimaryTherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PracticeId, c.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasIndex(c => new { c.PracticeId, c.PrimaryTherapistId, c.Id });
    }
}
