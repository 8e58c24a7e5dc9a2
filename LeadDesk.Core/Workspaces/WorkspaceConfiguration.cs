using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Workspaces;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable("Workspaces");
        builder.Property(w => w.Slug).HasMaxLength(Workspace.SlugMaxLength);
        builder.Property(w => w.Name).HasMaxLength(Workspace.NameMaxLength);
        builder.Property(w => w.Currency).HasMaxLength(3);
        builder.Property(w => w.PhoneRegion).HasMaxLength(Workspace.PhoneRegionMaxLength);
        builder.HasIndex(w => w.Slug).IsUnique();
    }
}

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> builder)
    {
        builder.ToTable("WorkspaceMembers");
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(m => m.Workspace).WithMany().HasForeignKey(m => m.WorkspaceId);
        builder.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(m => m.UserId);
        builder.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        // "Which workspaces am I in?" runs on every signed-in request.
        builder.HasIndex(m => m.UserId);
    }
}
