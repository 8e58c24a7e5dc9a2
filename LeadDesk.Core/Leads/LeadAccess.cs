using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>
/// Which leads the actor may see and touch. Every lead read and write starts here, so the
/// own+team rule (seed 002: "each user sees only their own leads") holds for pages and API alike.
/// </summary>
public sealed class LeadAccess(LeadDeskDbContext db, ICurrentActor actor)
{
    private LeadVisibility? _visibility;

    /// <summary>
    /// Leads of the workspace the actor may see (deleted ones hidden unless <paramref name="includeDeleted"/>); every lead read
    /// starts here, so it is where <c>leads.view</c> is required.
    /// </summary>
    public async Task<IQueryable<Lead>> VisibleAsync(bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.LeadsView);
        var leads = includeDeleted ? db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]) : db.Leads;
        if (!await IsRestrictedAsync(cancellationToken))
        {
            return leads;
        }
        if (actor.UserId is not { } me)
        {
            return leads.Where(_ => false); // a rep with no user (never expected) owns nothing, not the unassigned leads
        }
        return leads.Where(l => l.OwnerId == me || db.LeadTeamMembers.Any(t => t.LeadId == l.Id && t.UserId == me));
    }

    /// <summary>True when the actor sees only their own and their team's leads.</summary>
    public async Task<bool> IsRestrictedAsync(CancellationToken cancellationToken = default)
    {
        if (actor.Role != WorkspaceRole.SalesRep)
        {
            return false;
        }
        _visibility ??= await db.LeadSettings.AsNoTracking().Select(s => (LeadVisibility?)s.Visibility).FirstOrDefaultAsync(cancellationToken)
            ?? LeadVisibility.All;
        return _visibility == LeadVisibility.OwnAndTeam;
    }

    /// <summary>The lead, tracked for a change; 404 when it does not exist, is deleted, or is not visible.</summary>
    public async Task<Lead> FindAsync(Guid id, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var leads = await VisibleAsync(includeDeleted, cancellationToken);
        return await leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.Lead);
    }

    /// <summary>
    /// Checks the lead is visible without loading it (for its notes, products, documents…). Reading the
    /// parts of a lead in the trash is allowed (<paramref name="includeDeleted"/>); changing them is not.
    /// </summary>
    public async Task EnsureVisibleAsync(Guid id, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var leads = await VisibleAsync(includeDeleted, cancellationToken);
        if (!await leads.AnyAsync(l => l.Id == id, cancellationToken))
        {
            throw new NotFoundException(Missing.Lead);
        }
    }

    public void Require(string permission, string? message = null) => actor.Require(permission, message);

    /// <summary>Whether <paramref name="userId"/> is a member of the current workspace (owners and team members must be).</summary>
    public Task<bool> IsMemberAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.WorkspaceMembers.AnyAsync(m => m.UserId == userId, cancellationToken);
}
