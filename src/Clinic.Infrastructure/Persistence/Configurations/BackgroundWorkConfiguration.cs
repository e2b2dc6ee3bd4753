using Clinic.Infrastructure.Outbox;
using Clinic.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Type).HasMaxLength(64);

        // The dispatcher reads the waiting events in order; the index holds only those.
        builder.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_waiting").HasFilter("dispatched_at IS NULL");
        builder.HasIndex(m => m.DispatchedAt);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.Property(s => s.Secret).HasMaxLength(128);
        builder.Property(s => s.PreviousSecret).HasMaxLength(128);
        builder.HasIndex(s => s.PracticeId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(200);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // Claiming looks at pending deliveries only: those due, and per (subscription, client) the earliest.
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_webhook_deliveries_due").HasFilter("status = 'pending'");
        builder.HasIndex(d => new { d.SubscriptionId, d.ClientId, d.Id }).HasDatabaseName("ix_webhook_deliveries_pending_per_client").HasFilter("status = 'pending'");
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
    }
}

internal sealed class ScheduledJobConfiguration : IEntityTypeConfiguration<Clinic.Infrastructure.Maintenance.ScheduledJob>
{
    public void Configure(EntityTypeBuilder<Clinic.Infrastructure.Maintenance.ScheduledJob> builder)
    {
        builder.ToTable("scheduled_jobs");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(64);
        builder.Property(j => j.LastRunBy).HasMaxLength(200);
    }
}

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<Clinic.Infrastructure.RateLimits.RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<Clinic.Infrastructure.RateLimits.RateLimitWindow> builder)
    {
        // Unlogged: counts are worth a cheap write, not a crash-safe one.
        builder.ToTable("rate_limit_windows").IsUnlogged();
        builder.HasKey(w => new { w.Key, w.WindowStart });
        builder.Property(w => w.Key).HasMaxLength(200);
    }
}

internal sealed class ClientAssertionUseConfiguration : IEntityTypeConfiguration<Clinic.Infrastructure.ClientAssertions.ClientAssertionUse>
{
    public void Configure(EntityTypeBuilder<Clinic.Infrastructure.ClientAssertions.ClientAssertionUse> builder)
    {
        builder.ToTable("client_assertion_uses");
        builder.HasKey(u => new { u.ClientId, u.JwtId });
        builder.Property(u => u.ClientId).HasMaxLength(Clinic.Infrastructure.ClientAssertions.ClientAssertionUse.MaxLength);
        builder.Property(u => u.JwtId).HasMaxLength(Clinic.Infrastructure.ClientAssertions.ClientAssertionUse.MaxLength);
    }
}
