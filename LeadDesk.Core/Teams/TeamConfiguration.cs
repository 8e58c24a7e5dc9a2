using LeadDesk.Core.Accounts;
using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Teams;

internal sealed class TeamRoleConfiguration : IEntityTypeConfiguration<TeamRole>
{
    public void Configure(EntityTypeBuilder<TeamRole> builder)
    {
        builder.ToTable("TeamRoles");
        builder.Property(r => r.Key).HasMaxLength(TeamRole.KeyMaxLength);
        builder.Property(r => r.Name).HasMaxLength(TeamRole.NameMaxLength);
        builder.HasIndex(r => new { r.WorkspaceId, r.Key }).IsUnique();
    }
}

internal sealed class LeadTeamMemberConfiguration : IEntityTypeConfiguration<LeadTeamMember>
{
    public void Configure(EntityTypeBuilder<LeadTeamMember> builder)
    {
        builder.ToTable("LeadTeamMembers");
        builder.HasOne<Lead>().WithMany().HasForeignKey(m => m.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TeamRole>().WithMany().HasForeignKey(m => m.TeamRoleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.LeadId, m.UserId }).IsUnique();
        // own+team visibility: "leads whose team I am on".
        builder.HasIndex(m => new { m.WorkspaceId, m.UserId, m.LeadId });
    }
}
