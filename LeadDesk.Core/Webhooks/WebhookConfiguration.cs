using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(s => s.Secret).HasMaxLength(64);
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
        // The dispatcher's question, across workspaces: what is due now?
        builder.HasIndex(d => new { d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt });
        // The settings page's log: a subscription's latest deliveries.
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        // Purging or erasing a lead: the deliveries that carry it.
        builder.HasIndex(d => d.LeadId);
    }
}
