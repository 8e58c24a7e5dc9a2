using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Activities;

internal sealed class LeadActivityConfiguration : IEntityTypeConfiguration<LeadActivity>
{
    public void Configure(EntityTypeBuilder<LeadActivity> builder)
    {
        builder.ToTable("LeadActivities");
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Title).HasMaxLength(LeadActivity.TitleMaxLength);
        builder.Property(a => a.Details).HasMaxLength(LeadActivity.DetailsMaxLength);
        builder.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.Cascade);
        // A lead's timeline, newest first.
        builder.HasIndex(a => new { a.LeadId, a.OccurredAt });
    }
}
