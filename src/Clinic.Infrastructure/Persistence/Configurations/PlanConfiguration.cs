using Clinic.Domain.Clients;
using Clinic.Domain.Exercises;
using Clinic.Domain.Plans;
using Clinic.Domain.Therapists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<HomeworkPlan>
{
    public void Configure(EntityTypeBuilder<HomeworkPlan> builder)
    {
        builder.ToTable("plans");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(HomeworkPlan.TitleMaxLength);
        builder.Property(p => p.Goal).HasMaxLength(HomeworkPlan.GoalMaxLength);
        builder.Property(p => p.ExternalId).HasMaxLength(HomeworkPlan.ExternalIdMaxLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Version).IsConcurrencyToken();

        // Moved by triggers on completions and skip reports, never by the application (ADR 0074): stored triages hold
        // while it has not moved. A shadow property, so the migrations own the column; the domain never sees it.
        builder.Property<long>("DataStamp").HasDefaultValue(0L);
        builder.Ignore(p => p.AcceptsPractice);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Therapist>().WithMany().HasForeignKey(p => p.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ClientId, p.StartDate });
        builder.HasIndex(p => new { p.PracticeId, p.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");

        builder.HasMany(p => p.Assignments).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Assignments).HasField("_assignments").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.Pauses, pause =>
        {
            pause.ToTable("plan_pauses");
            pause.WithOwner().HasForeignKey("plan_id");
            pause.Property<int>("id");
            pause.HasKey("id");
            pause.Property(x => x.PausedAt);
            pause.Property(x => x.ResumedAt);
        });
        builder.Navigation(p => p.Pauses).HasField("_pauses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ExerciseKey).HasMaxLength(Exercise.KeyMaxLength);
        builder.Property(a => a.Title).HasMaxLength(Exercise.TitleMaxLength);
        builder.Property(a => a.Position).HasDefaultValue(0);
        builder.Property(a => a.Instructions).HasMaxLength(Assignment.InstructionsMaxLength);
        builder.Ignore(a => a.Schedule);
        builder.Property<ScheduleKind>("_scheduleKind").HasColumnName("schedule_kind").HasConversion<string>().HasMaxLength(16);
        builder.Property<int>("_timesPerDay").HasColumnName("times_per_day");
        builder.Property<int>("_daysOfWeekMask").HasColumnName("days_of_week_mask");
        builder.Property<int>("_timesPerWeek").HasColumnName("times_per_week");
        builder.Property<NodaTime.LocalDate?>("_dueDate").HasColumnName("due_date");

        // Reminder times only: a PostgreSQL time[] in order, empty when the client is not reminded.
        builder.Property<NodaTime.LocalTime[]>("_timesOfDay").HasColumnName("times_of_day");
        builder.HasOne<Exercise>().WithMany().HasForeignKey(a => a.ExerciseId).OnDelete(DeleteBehavior.Restrict);
    }
}
