using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Audit;

internal sealed class SettingsChangeConfiguration : IEntityTypeConfiguration<SettingsChange>
{
    public void Configure(EntityTypeBuilder<SettingsChange> builder)
    {
        builder.ToTable("SettingsChanges");
        builder.Property(c => c.Area).HasMaxLength(SettingsChange.AreaMaxLength);
        builder.Property(c => c.Action).HasMaxLength(SettingsChange.ActionMaxLength);
        builder.Property(c => c.Subject).HasMaxLength(SettingsChange.SubjectMaxLength);
        // The audit page: a workspace's changes, newest first, optionally of one area.
        builder.HasIndex(c => new { c.WorkspaceId, c.ChangedAt });
        builder.HasIndex(c => new { c.WorkspaceId, c.Area, c.ChangedAt });
    }
}
