using Clinic.Domain.Clients;
using Clinic.Domain.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.MeasureKey).HasMaxLength(16);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.EnteredBy).HasMaxLength(200);
        builder.Ignore(r => r.Answers);
        builder.Ignore(r => r.Instrument);
        builder.Ignore(r => r.Score);

        // The item values in item order, as a PostgreSQL integer[]; scores are computed from them, never stored.
        builder.Property<int[]>("_answers").HasColumnName("answers");
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);

        // A client's series of one measure, in time order.
        builder.HasIndex(r => new { r.ClientId, r.MeasureKey, r.AnsweredAt });
    }
}

internal sealed class MeasureScheduleConfiguration : IEntityTypeConfiguration<MeasureSchedule>
{
    public void Configure(EntityTypeBuilder<MeasureSchedule> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.MeasureKey).HasMaxLength(16);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.ClientId);
    }
}
