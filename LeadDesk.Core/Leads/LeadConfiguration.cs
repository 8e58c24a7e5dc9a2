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

        // Every index leads with WorkspaceId (each query is scoped to one workspace). The soft-delete filter is
        // NOT(IsDeleted), which SQLite cannot seek on, so IsDeleted sits at the end of each index: counts and
        // filtered pages are then read from the index alone, never from the (wide) lead rows. Sort indexes carry
        // the Id, the tie-breaker of every order, so a page is read in index order without sorting.

        // Default list order (newest first), the list's total count, "new this week".
        builder.HasIndex(l => new { l.WorkspaceId, l.CreatedAt, l.IsDeleted });
        // Board columns (open leads of a stage, newest first) and the per-stage count and value sums.
        builder.HasIndex(l => new { l.WorkspaceId, l.StageId, l.Status, l.CreatedAt, l.IsDeleted, l.EstimatedValue }).HasDatabaseName("IX_Leads_Board");
        // Filters, each with the default order: status (and the dashboard's counts by status), owner ("my
        // leads", own+team visibility), priority, source. The last three carry the status too, the filter most
        // often combined with another ("my open leads"), so the pair is answered from one index.
        builder.HasIndex(l => new { l.WorkspaceId, l.Status, l.CreatedAt, l.IsDeleted });
        builder.HasIndex(l => new { l.WorkspaceId, l.OwnerId, l.CreatedAt, l.IsDeleted, l.Status });
        builder.HasIndex(l => new { l.WorkspaceId, l.Priority, l.CreatedAt, l.IsDeleted, l.Status });
        builder.HasIndex(l => new { l.WorkspaceId, l.Source, l.CreatedAt, l.IsDeleted, l.Status });
        // Search: the count scans this index (search text included) instead of the table.
        builder.HasIndex(l => new { l.WorkspaceId, l.IsDeleted, l.SearchText });
        // List sorts: name, company, score (which also serves the score range), last update, value. A page's ids
        // are read from these alone. The value sort orders by a number computed from the value, so its index
        // saves reading the lead rows, not the sorting.
        builder.HasIndex(l => new { l.WorkspaceId, l.LastName, l.FirstName, l.Id, l.IsDeleted });
        builder.HasIndex(l => new { l.WorkspaceId, l.Company, l.Id, l.IsDeleted });
        builder.HasIndex(l => new { l.WorkspaceId, l.Score, l.Id, l.IsDeleted });
        builder.HasIndex(l => new { l.WorkspaceId, l.UpdatedAt, l.IsDeleted });
        builder.HasIndex(l => new { l.WorkspaceId, l.EstimatedValue, l.Id, l.IsDeleted });
        // The API's account filter (seed 002 company_id).
        builder.HasIndex(l => new { l.WorkspaceId, l.AccountId });
        // Duplicate detection by normalised email and phone.
        builder.HasIndex(l => new { l.WorkspaceId, l.Email });
        builder.HasIndex(l => new { l.WorkspaceId, l.Phone });
        builder.HasIndex(l => l.PipelineId);
        // The trash purge: a workspace's leads by when they were deleted (only leads in the trash have a time).
        builder.HasIndex(l => new { l.WorkspaceId, l.DeletedAt });
    }
}
