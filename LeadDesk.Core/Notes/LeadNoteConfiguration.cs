using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Notes;

internal sealed class LeadNoteConfiguration : IEntityTypeConfiguration<LeadNote>
{
    public void Configure(EntityTypeBuilder<LeadNote> builder)
    {
        builder.ToTable("LeadNotes");
        builder.Property(n => n.Body).HasMaxLength(LeadNote.BodyMaxLength);
        builder.HasOne<Lead>().WithMany().HasForeignKey(n => n.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.LeadId, n.CreatedAt });
        // The trash purge: a workspace's deleted notes, by when they were deleted.
        builder.HasIndex(n => new { n.WorkspaceId, n.DeletedAt });
    }
}
