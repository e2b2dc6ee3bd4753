using Clinic.Domain.Completions;
using Clinic.Domain.Exercises;
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
        builder.Ignore(c => c.IsOfPlan);
        builder.Property(c => c.ExerciseKey).HasMaxLength(Exercise.KeyMaxLength);
        builder.Property(c => c.Context).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Assignment>().WithMany().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HomeworkPlan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Restrict);

        // Practice outside any plan has neither; practice of a plan has both.
        builder.ToTable(t => t.HasCheckConstraint("ck_completions_plan_with_assignment", "(plan_id IS NULL) = (assignment_id IS NULL)"));

        // Summaries read one plan's completions over a window of instants.
        builder.HasIndex(c => new { c.PlanId, c.CompletedAt });
        builder.HasIndex(c => new { c.AssignmentId, c.CompletedAt });

        // Voided completions of a plan by the instant they were voided: a stored triage holds until the plan's first void
        // after it (ADR 0074). Only voided rows are indexed.
        builder.HasIndex(c => new { c.PlanId, c.VoidedAt }).HasFilter("voided_at IS NOT NULL").HasDatabaseName("ix_completions_voided");

        // A client's practice outside any plan (session prep, support now); only those rows are indexed, so logging
        // practice of a plan costs nothing more.
        builder.HasIndex(c => new { c.ClientId, c.CompletedAt }).HasFilter("plan_id IS NULL").HasDatabaseName("ix_completions_own_practice");
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
