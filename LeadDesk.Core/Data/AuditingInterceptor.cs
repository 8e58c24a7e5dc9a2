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
            if (entry.Entity is IWorkspaceOwned owned && entry.State == EntityState.Added)
            {
                StampWorkspace(owned);
            }
            if (entry.Entity is ISoftDeletable deletable && entry.State == EntityState.Deleted)
            {
                entry.State = EntityState.Modified;
                deletable.IsDeleted = true;
                deletable.DeletedAt = now;
                deletable.DeletedById = actor.UserId;
            }
            if (entry.Entity is IAuditable audited)
            {
                if (entry.State == EntityState.Added)
                {
                    // Imports and the demo seeder may bring their own creation time.
                    if (audited.CreatedAt == default)
                    {
                        audited.CreatedAt = now;
                    }
                    audited.CreatedById ??= actor.UserId;
                }
                if (entry.State is EntityState.Added or EntityState.Modified)
                {
                    audited.UpdatedAt = now;
                    audited.UpdatedById = actor.UserId;
                }
            }
            if (entry.Entity is Lead lead && entry.State is EntityState.Added or EntityState.Modified)
            {
                lead.RefreshSearchText();
                if (entry.State == EntityState.Modified)
                {
                    lead.Version++;
                }
            }
        }
    }

    private void StampWorkspace(IWorkspaceOwned owned)
    {
        if (actor.WorkspaceId is not { } workspaceId)
        {
            if (owned.WorkspaceId == Guid.Empty)
            {
                throw new InvalidOperationException($"A {owned.GetType().Name} was added with no workspace and no current workspace.");
            }
            return;
        }
        if (owned.WorkspaceId == Guid.Empty)
        {
            owned.WorkspaceId = workspaceId;
        }
        else if (owned.WorkspaceId != workspaceId)
        {
            throw new InvalidOperationException($"A {owned.GetType().Name} of another workspace cannot be added from this one.");
        }
    }
}
