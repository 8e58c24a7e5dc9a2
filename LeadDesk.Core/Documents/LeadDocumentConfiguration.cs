using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Documents;

internal sealed class LeadDocumentConfiguration : IEntityTypeConfiguration<LeadDocument>
{
    public void Configure(EntityTypeBuilder<LeadDocument> builder)
    {
        builder.ToTable("LeadDocuments");
        builder.Property(d => d.FileName).HasMaxLength(LeadDocument.FileNameMaxLength);
        builder.Property(d => d.ContentType).HasMaxLength(LeadDocument.ContentTypeMaxLength);
        builder.HasOne<Lead>().WithMany().HasForeignKey(d => d.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.LeadId, d.CreatedAt });
        // The trash purge: a workspace's deleted documents, by when they were deleted.
        builder.HasIndex(d => new { d.WorkspaceId, d.DeletedAt });
    }
}

internal sealed class DocumentFileDeletionConfiguration : IEntityTypeConfiguration<DocumentFileDeletion>
{
    public void Configure(EntityTypeBuilder<DocumentFileDeletion> builder)
    {
        builder.ToTable("DocumentFileDeletions");
        builder.HasKey(d => d.DocumentId);
    }
}
