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
        builder.Property(l => l.SearchText).HasMaxLength(LeadLimits.SearchTextMaxLength);
        builder.Property(l => l.Version).IsConcurrencyToken();

        builder.HasOne<Pipeline>().WithMany().HasForeignKey(l => l.PipelineId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Stage>().WithMany().HasForeignKey(l => l.StageId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.SetNull);

        // Every index leads with WorkspaceId (each query is scoped to one workspace). IsDeleted sits after the
        // sort column: the soft-delete filter is NOT(IsDeleted), which SQLite cannot seek on, but reading it
        // from the index keeps counts and ordered pages off the table.

        // Default list order (newest first), the list's total count, "new this week".
        builder.HasIndex(l => new { l.WorkspaceId, l.CreatedAt, l.IsDeleted });
        // Board columns (open leads of a stage, newest first) and the per-stage count and value sums.
        builder.HasIndex(l => new { l.WorkspaceId, l.StageId, l.Status, l.CreatedAt, l.IsDeleted, l.EstimatedValue }).HasDatabaseName("IX_Leads_Board");
        // Status filter (open / converted / disqualified) and the dashboard's counts by status.
        builder.HasIndex(l => new { l.WorkspaceId, l.Status, l.CreatedAt });
        // Owner filter, "my leads" and own+team visibility.
        builder.HasIndex(l => new { l.WorkspaceId, l.OwnerId, l.CreatedAt });
        // Priority and source filters.
        builder.HasIndex(l => new { l.WorkspaceId, l.Priority, l.CreatedAt });
        builder.HasIndex(l => new { l.WorkspaceId, l.Source, l.CreatedAt });
        // List sorts: name, company, value, score, last update (the score index also serves the score range).
        builder.HasIndex(l => new { l.WorkspaceId, l.LastName, l.FirstName });
        builder.HasIndex(l => new { l.WorkspaceId, l.Company });
        builder.HasIndex(l => new { l.WorkspaceId, l.EstimatedValue });
        builder.HasIndex(l => new { l.WorkspaceId, l.Score });
        builder.HasIndex(l => new { l.WorkspaceId, l.UpdatedAt });
        // Duplicate detection by normalised email and phone.
        builder.HasIndex(l => new { l.WorkspaceId, l.Email });
        builder.HasIndex(l => new { l.WorkspaceId, l.Phone });
        builder.HasIndex(l => l.PipelineId);
    }
}
