using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Leads;

internal sealed class LeadSettingsConfiguration : IEntityTypeConfiguration<LeadSettings>
{
    public void Configure(EntityTypeBuilder<LeadSettings> builder)
    {
        builder.ToTable("LeadSettings");
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.WorkspaceId).IsUnique();
    }
}
