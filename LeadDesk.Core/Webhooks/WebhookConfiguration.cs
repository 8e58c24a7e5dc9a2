using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(WebhookSubscription.ProtectedSecretMaxLength);
        builder.Property(s => s.Events).HasMaxLength(300);
        builder.Property(s => s.LastStatus).HasMaxLength(100);
        builder.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.Event).HasMaxLength(50);
        builder.Property(d => d.Payload).HasMaxLength(WebhookDelivery.PayloadMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's questions, across workspaces: which subscriptions have deliveries due now, and what is
        // a subscription's oldest due delivery?
        builder.HasIndex(d => new { d.DeliveredAt, d.GaveUpAt, d.SubscriptionId, d.NextAttemptAt }).HasDatabaseName("IX_WebhookDeliveries_Due");
        // The settings page's log: a subscription's latest deliveries.
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        // Purging or erasing a lead: the deliveries that carry it.
        builder.HasIndex(d => d.LeadId);
    }
}
