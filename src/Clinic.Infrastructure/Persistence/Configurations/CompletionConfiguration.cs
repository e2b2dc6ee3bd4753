using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class CompletionConfiguration : IEntityTypeConfiguration<Completion>
{
    public void Configure(EntityTypeBuilder<Completion> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        // Private on the entity (read only through ReflectionFor), mapped by name.
        builder.Property<string?>("Reflection").HasMaxLength(Completion.ReflectionMaxLength);
        builder.Ignore(c => c.IsVoided);
        builder.HasOne<Assignment>().WithMany().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HomeworkPlan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Restrict);

        // Summaries read one plan's completions over a window of instants.
        builder.HasIndex(c => new { c.PlanId, c.CompletedAt });
        builder.HasIndex(c => new { c.AssignmentId, c.CompletedAt });
    }
}

internal sealed class SkipReportConfiguration : IEntityTypeConfiguration<SkipReport>
{
    public void Configure(EntityTypeBuilder<SkipReport> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property<string?>("Note").HasMaxLength(SkipReport.NoteMaxLength);
        builder.HasOne<Assignment>().WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HomeworkPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PlanId, s.Date });
    }
}
