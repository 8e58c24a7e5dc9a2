using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Privacy;

internal sealed class LeadErasureConfiguration : IEntityTypeConfiguration<LeadErasure>
{
    public void Configure(EntityTypeBuilder<LeadErasure> builder)
    {
        builder.ToTable("LeadErasures");
        // The settings page's list: a workspace's erasures, newest first.
        builder.HasIndex(e => new { e.WorkspaceId, e.ErasedAt });
    }
}
