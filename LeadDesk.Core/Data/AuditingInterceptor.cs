using System.Data.Common;
using LeadDesk.Core.Activities;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// Writes lead history and webhook deliveries, stamps workspace, timestamps and actors, turns deletes of soft-deletable rows
/// into updates, bumps concurrency versions and refreshes search text — in one place, for every entry point. Once the
/// save is committed it tells <see cref="LeadChangeNotifier"/> which leads changed.
/// </summary>
public sealed class AuditingInterceptor(ICurrentActor actor, TimeProvider clock, WebhookRecorder webhooks, LeadChangeNotifier notifier)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Leads this save changes, then (inside a transaction) those waiting for its commit, per workspace.
    private Dictionary<Guid, HashSet<Guid>> _saving = [];
    private Dictionary<Guid, HashSet<Guid>> _committing = [];
    private Guid? _committingIn;

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _saving = [];

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving = [];
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.TransactionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.TransactionId);
        return Task.CompletedTask;
    }

    /// <summary>Outside a transaction the save is done: announce. Inside one, wait for its commit (a rollback, or a
    /// transaction disposed uncommitted, never announces: the next transaction starts afresh).</summary>
    private void Saved(DbContext? context)
    {
        var saved = _saving;
        _saving = [];
        if (context?.Database.CurrentTransaction is not { } transaction)
        {
            Announce(saved);
            return;
        }
        if (_committingIn != transaction.TransactionId)
        {
            _committing = [];
            _committingIn = transaction.TransactionId;
        }
        foreach (var (workspaceId, leadIds) in saved)
        {
            Remember(_committing, workspaceId, leadIds);
        }
    }

    private void Committed(Guid transactionId)
    {
        if (_committingIn == transactionId)
        {
            Announce(_committing);
        }
        _committing = [];
        _committingIn = null;
    }

    private void Announce(Dictionary<Guid, HashSet<Guid>> changed)
    {
        foreach (var (workspaceId, leadIds) in changed)
        {
            notifier.Publish(new LeadsChanged(workspaceId, [.. leadIds], actor.UserId));
        }
    }

    private static void Remember(Dictionary<Guid, HashSet<Guid>> changed, Guid workspaceId, IEnumerable<Guid> leadIds)
    {
        if (!changed.TryGetValue(workspaceId, out var known))
        {
            changed[workspaceId] = known = [];
        }
        known.UnionWith(leadIds);
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
            switch (entry.Entity)
            {
                case Lead changed when entry.State is not EntityState.Unchanged:
                    Remember(_saving, changed.WorkspaceId, [changed.Id]);
                    break;
                case WorkspaceRow part and (ILeadPart or LeadActivity or LeadHistoryEntry) when entry.State is not EntityState.Unchanged:
                    Remember(_saving, part.WorkspaceId, [part switch { ILeadPart p => p.LeadId, LeadActivity a => a.LeadId, _ => ((LeadHistoryEntry)part).LeadId }]);
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
