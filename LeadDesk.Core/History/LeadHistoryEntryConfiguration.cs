using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.History;

internal sealed class LeadHistoryEntryConfiguration : IEntityTypeConfiguration<LeadHistoryEntry>
{
    public void Configure(EntityTypeBuilder<LeadHistoryEntry> builder)
    {
        builder.ToTable("LeadHistory");
        builder.Property(h => h.Field).HasMaxLength(LeadHistoryEntry.FieldMaxLength);
        builder.Property(h => h.OldValue).HasMaxLength(LeadHistoryEntry.ValueMaxLength);
        builder.Property(h => h.NewValue).HasMaxLength(LeadHistoryEntry.ValueMaxLength);
        builder.HasOne<Lead>().WithMany().HasForeignKey(h => h.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.LeadId, h.ChangedAt });
    }
}
