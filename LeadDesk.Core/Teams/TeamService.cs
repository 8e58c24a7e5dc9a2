using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Teams;

public sealed record TeamRoleView(Guid Id, string Key, string Name);

public sealed record TeamMemberView(Guid UserId, string DisplayName, string Email, Guid RoleId, string RoleKey, string RoleName, DateTime AddedAt);

/// <summary>Who works a lead besides its owner, and in which role.</summary>
public sealed class TeamService(LeadDeskDbContext db, LeadAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamRoleView>> RolesAsync(CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsView);
        return await db.TeamRoles.AsNoTracking()
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name)
            .Select(r => new TeamRoleView(r.Id, r.Key, r.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamMemberView>> ListAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        return await (
                from m in db.LeadTeamMembers.AsNoTracking()
                join u in db.Users on m.UserId equals u.Id
                join r in db.TeamRoles on m.TeamRoleId equals r.Id
                where m.LeadId == leadId
                orderby r.SortOrder, u.DisplayName
                select new TeamMemberView(u.Id, u.DisplayName, u.Email ?? "", r.Id, r.Key, r.Name, m.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <param name="role">A team role's id or key (the API sends keys such as <c>sales_rep</c>).</param>
    public async Task AddAsync(Guid leadId, Guid userId, string? role, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change lead teams in this workspace."));
        await access.EnsureVisibleAsync(leadId, cancellationToken: cancellationToken);
        var teamRole = await FindRoleAsync(role, cancellationToken);
        if (!await access.IsMemberAsync(userId, cancellationToken))
        {
            throw Validation.Error("userId", Messages.T("Choose a member of this workspace."));
        }
        if (await db.LeadTeamMembers.AnyAsync(m => m.LeadId == leadId && m.UserId == userId, cancellationToken))
        {
            throw Validation.Error("userId", Messages.T("That person is already on this lead's team."));
        }
        db.LeadTeamMembers.Add(new LeadTeamMember(leadId, userId, teamRole.Id));
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Team, $"{name} joined the team as {teamRole.Name}", null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid leadId, Guid userId, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change lead teams in this workspace."));
        await access.EnsureVisibleAsync(leadId, cancellationToken: cancellationToken);
        var member = await db.LeadTeamMembers.FirstOrDefaultAsync(m => m.LeadId == leadId && m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(Missing.TeamMember);
        db.LeadTeamMembers.Remove(member);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Team, $"{name} left the team", null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TeamRole> FindRoleAsync(string? role, CancellationToken cancellationToken)
    {
        var byId = Guid.TryParse(role, out var id);
        return await db.TeamRoles.FirstOrDefaultAsync(r => byId ? r.Id == id : r.Key == role, cancellationToken)
            ?? throw Validation.Error("role", Messages.T("Choose one of this workspace's team roles."));
    }
}
