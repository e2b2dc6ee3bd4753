using Clinic.Domain.Clients;
using Clinic.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class ReminderPreferencesConfiguration : IEntityTypeConfiguration<ReminderPreferences>
{
    public void Configure(EntityTypeBuilder<ReminderPreferences> builder)
    {
        builder.ToTable("reminder_preferences", table =>
            table.HasCheckConstraint("ck_reminder_preferences_quiet_hours", "(quiet_start IS NULL) = (quiet_end IS NULL)"));
        builder.HasKey(p => p.ClientId);
        builder.Property(p => p.ClientId).ValueGeneratedNever();
        builder.Ignore(p => p.QuietHours);

        // Private on the entity (read through QuietHours), mapped by name.
        builder.Property<NodaTime.LocalTime?>("QuietStart");
        builder.Property<NodaTime.LocalTime?>("QuietEnd");
        builder.HasOne<Client>().WithOne().HasForeignKey<ReminderPreferences>(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
