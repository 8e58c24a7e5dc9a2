using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// Writes lead history and webhook deliveries, stamps workspace, timestamps and actors, turns deletes of soft-deletable rows
/// into updates, bumps concurrency versions and refreshes search text — in one place, for every entry point.
/// </summary>
public sealed class AuditingInterceptor(ICurrentActor actor, TimeProvider clock, WebhookRecorder webhooks) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        if (eventData.Context is { } context)
        {
            webhooks.RecordAsync(context, actor.WorkspaceId, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        // After stamping: the payloads carry the lead as it is saved (times, deletion, version).
        if (eventData.Context is { } context)
        {
            await webhooks.RecordAsync(context, actor.WorkspaceId, cancellationToken);
        }
        return result;
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        LeadHistoryRecorder.Record(context, now, actor.UserId);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is WorkspaceRow row && entry.State == EntityState.Added)
            {
                StampWorkspace(row);
            }
            if (entry.Entity is SoftDeletableEntity deletable && entry.State == EntityState.Deleted)
            {
                entry.State = EntityState.Modified;
                deletable.MarkDeleted(now, actor.UserId);
            }
            switch (entry.Entity, entry.State)
            {
                case (WorkspaceEntity audited, EntityState.Added):
                    audited.StampAdded(now, actor.UserId);
                    break;
                case (WorkspaceEntity audited, EntityState.Modified):
                    audited.StampModified(now, actor.UserId);
                    break;
                case (Workspace workspace, EntityState.Added or EntityState.Modified):
                    workspace.Stamp(now, actor.UserId);
                    break;
            }
            if (entry.Entity is Lead lead && entry.State is EntityState.Added or EntityState.Modified)
            {
                lead.RefreshSearchText();
                if (entry.State == EntityState.Modified)
                {
                    lead.BumpVersion();
                }
            }
        }
    }

    private void StampWorkspace(WorkspaceRow row)
    {
        if (actor.WorkspaceId is { } workspaceId)
        {
            row.PlaceIn(workspaceId);
        }
        else if (row.WorkspaceId == Guid.Empty)
        {
            throw new InvalidOperationException($"A {row.GetType().Name} was added with no workspace and no current workspace.");
        }
    }
}
