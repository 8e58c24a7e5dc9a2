using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Pipelines;

/// <summary>Who owns a lead once it enters a stage: unchanged, a set user, or the next member of a role in turn.</summary>
public sealed class StageOwnership(LeadDeskDbContext db)
{
    /// <param name="stage">Tracked: round-robin remembers on it who was given the last lead.</param>
    public async Task<Guid?> OwnerOnEntryAsync(Stage stage, Guid? currentOwner, CancellationToken cancellationToken = default)
    {
        switch (stage.OwnershipMode)
        {
            case StageOwnershipMode.AssignUser when stage.OwnershipUserId is { } userId
                && await db.WorkspaceMembers.AnyAsync(m => m.UserId == userId, cancellationToken):
                return userId;
            case StageOwnershipMode.RoundRobin when stage.OwnershipRole is { } role:
                var candidates = await db.WorkspaceMembers.AsNoTracking()
                    .Where(m => m.Role == role)
                    .OrderBy(m => m.UserId)
                    .Select(m => m.UserId)
                    .ToListAsync(cancellationToken);
                if (candidates.Count == 0)
                {
                    return currentOwner;
                }
                var next = NextInTurn(candidates, stage.LastAssignedUserId);
                stage.LastAssignedUserId = next;
                return next;
            default:
                return currentOwner;
        }
    }

    /// <summary>The member after <paramref name="last"/> in a stable order, wrapping round; the first when last is unknown.</summary>
    public static Guid NextInTurn(IReadOnlyList<Guid> candidates, Guid? last)
    {
        var index = last is { } previous ? candidates.ToList().IndexOf(previous) : -1;
        return candidates[(index + 1) % candidates.Count];
    }
}
