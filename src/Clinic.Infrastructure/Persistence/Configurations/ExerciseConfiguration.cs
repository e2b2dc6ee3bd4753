using Clinic.Domain.Exercises;
using Clinic.Domain.Practices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class ExerciseConfiguration : IEntityTypeConfiguration<Exercise>
{
    public void Configure(EntityTypeBuilder<Exercise> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Key).HasMaxLength(Exercise.KeyMaxLength);
        builder.Property(e => e.Title).HasMaxLength(Exercise.TitleMaxLength);
        builder.Property(e => e.Summary).HasMaxLength(Exercise.SummaryMaxLength);
        builder.Property(e => e.Instructions).HasMaxLength(Exercise.InstructionsMaxLength);
        builder.Property(e => e.Attribution).HasMaxLength(Exercise.AttributionMaxLength);
        builder.Ignore(e => e.IsBuiltIn);
        builder.Ignore(e => e.IsRetired);
        builder.Ignore(e => e.Steps);
        builder.Ignore(e => e.Tags);

        // Ordered steps and the tags' enum names, each a text[] (never null; empty for none).
        builder.Property<string[]>("_steps").HasColumnName("steps").HasDefaultValueSql("'{}'::text[]");
        builder.Property<string[]>("_tags").HasColumnName("tags").HasDefaultValueSql("'{}'::text[]");
        builder.HasOne<Practice>().WithMany().HasForeignKey(e => e.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.Key).IsUnique().HasFilter("practice_id IS NULL").HasDatabaseName("ix_exercises_builtin_key");
        builder.HasIndex(e => new { e.PracticeId, e.Key }).IsUnique().HasFilter("practice_id IS NOT NULL");
        builder.HasData(ExerciseLibrary.BuiltIn.Select(e => new
        {
            e.Id,
            PracticeId = (Guid?)null,
            e.Key,
            e.Title,
            e.Summary,
            e.Instructions,
            e.DefaultMinutes,
            _steps = e.Steps,
            _tags = e.Tags.Order().Select(t => t.ToString()).ToArray(),
            e.Attribution,
        }));
    }
}
