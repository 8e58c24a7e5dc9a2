using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Workspaces;

public sealed record Membership(Guid WorkspaceId, string Slug, string Name, WorkspaceRole Role, string Currency);

public sealed record Member(Guid UserId, string DisplayName, string Email, WorkspaceRole Role);

/// <summary>Who belongs where. <see cref="MembershipsOfAsync"/> is the one query that crosses workspaces.</summary>
public sealed class WorkspaceDirectory(LeadDeskDbContext db, ICurrentActor actor)
{
    /// <summary>The slug of the workspace the actor works in (null when there is none).</summary>
    public async Task<string?> CurrentSlugAsync(CancellationToken cancellationToken = default) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == actor.WorkspaceId).Select(w => w.Slug).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Membership>> MembershipsOfAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.WorkspaceMembers
            .IgnoreQueryFilters([LeadDeskDbContext.WorkspaceFilter])
            .AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Workspace!.Name)
            .Select(m => new Membership(m.WorkspaceId, m.Workspace!.Slug, m.Workspace.Name, m.Role, m.Workspace.Currency))
            .ToListAsync(cancellationToken);

    /// <summary>Members of the current workspace, admins first.</summary>
    public async Task<IReadOnlyList<Member>> MembersAsync(CancellationToken cancellationToken = default)
    {
        var members = await (
                from m in db.WorkspaceMembers.AsNoTracking()
                join u in db.Users on m.UserId equals u.Id
                orderby u.DisplayName
                select new Member(u.Id, u.DisplayName, u.Email ?? "", m.Role))
            .ToListAsync(cancellationToken);
        // Roles are stored by name, so their rank is applied here; a workspace has tens of members, not thousands.
        return [.. members.OrderByDescending(m => m.Role)];
    }
}
