using LeadDesk.Core.Accounts;
using LeadDesk.Core.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Leads;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("Leads");
        builder.Property(l => l.FirstName).HasMaxLength(LeadLimits.NameMaxLength);
        builder.Property(l => l.LastName).HasMaxLength(LeadLimits.NameMaxLength);
        builder.Property(l => l.Email).HasMaxLength(LeadLimits.EmailMaxLength);
        builder.Property(l => l.Phone).HasMaxLength(LeadLimits.PhoneMaxLength);
        builder.Property(l => l.Company).HasMaxLength(LeadLimits.CompanyMaxLength);
        builder.Property(l => l.Title).HasMaxLength(LeadLimits.TitleMaxLength);
        builder.Property(l => l.Source).HasMaxLength(LeadLimits.SourceMaxLength);
        builder.Property(l => l.Description).HasMaxLength(LeadLimits.DescriptionMaxLength);
        builder.Property(l => l.CustomFieldsJson).HasMaxLength(LeadLimits.CustomFieldsMaxLength);
        builder.Property(l => l.DisqualificationReason).HasMaxLength(LeadLimits.ReasonMaxLength);
        builder.Property(l => l.DisqualificationNotes).HasMaxLength(LeadLimits.ReasonNotesMaxLength);
        builder.Property(l => l.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.EstimatedValue).HasPrecision(18, 2);
        builder.Property(l => l.Version).IsConcurrencyToken();

        builder.HasOne<Pipeline>().WithMany().HasForeignKey(l => l.PipelineId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Stage>().WithMany().HasForeignKey(l => l.StageId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.SetNull);

        // Board columns and the dashboard: leads of a stage, by workspace.
        builder.HasIndex(l => new { l.WorkspaceId, l.StageId, l.Status });
        // Default list order (newest first) and "new this week".
        builder.HasIndex(l => new { l.WorkspaceId, l.CreatedAt });
        // "My leads" and the owner filter.
        builder.HasIndex(l => new { l.WorkspaceId, l.OwnerId });
        // Duplicate detection by normalised email and phone.
        builder.HasIndex(l => new { l.WorkspaceId, l.Email });
        builder.HasIndex(l => new { l.WorkspaceId, l.Phone });
        builder.HasIndex(l => l.PipelineId);
    }
}
