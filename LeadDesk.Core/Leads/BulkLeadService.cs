using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>What to change on every selected lead (seed 004 <c>bulk-update</c>); null leaves a field alone.</summary>
public sealed record BulkChanges
{
    public Guid? OwnerId { get; init; }
    /// <summary>Clear the owner (OwnerId must then be null).</summary>
    public bool Unassign { get; init; }
    public LeadPriority? Priority { get; init; }
    public Guid? StageId { get; init; }
    public string? Source { get; init; }

    public bool IsEmpty => OwnerId is null && !Unassign && Priority is null && StageId is null && Source is null;
}

/// <param name="Requested">Ids asked for.</param>
/// <param name="Affected">Leads found (visible to the actor) and changed.</param>
public sealed record BulkResult(int Requested, int Affected);

/// <summary>
/// Changes many leads at once with set-based SQL (a handful of statements whatever the count), writing
/// the same history and timeline rows one-by-one edits would, inside one transaction.
/// </summary>
public sealed class BulkLeadService(
    LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, PipelineDirectory pipelines, StageOwnership ownership, WebhookRecorder webhooks, TimeProvider clock)
{
    public const int MaxIds = 1_000;

    /// <summary>Marks the query that reads the leads before a bulk change (in logs, and for the tests that interleave saves with it).</summary>
    public const string SnapshotTag = "Bulk change: the leads before";

    private sealed record Snapshot(Guid Id, Guid WorkspaceId, Guid? OwnerId, LeadPriority Priority, Guid StageId, Guid PipelineId, string? Source, LeadStatus Status, bool IsDeleted);

    public async Task<BulkResult> UpdateAsync(IReadOnlyCollection<Guid> ids, BulkChanges changes, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        var wanted = CheckIds(ids);
        if (changes.IsEmpty)
        {
            throw Validation.Error("changes", Messages.T("Choose what to change."));
        }
        var source = changes.Source?.Trim();
        if (source?.Length > LeadLimits.SourceMaxLength)
        {
            throw Validation.Error("source", Messages.T("A source can be at most {0} characters.", LeadLimits.SourceMaxLength));
        }
        if (changes.Priority is { } p && !Enum.IsDefined(p))
        {
            throw Validation.Error("priority", Messages.T("Choose low, medium, high or critical."));
        }
        if (changes.OwnerId is { } ownerId && !await access.IsMemberAsync(ownerId, cancellationToken))
        {
            throw Validation.Error("assignedTo", Messages.T("Choose an owner who is a member of this workspace."));
        }

        // The "before" values are read inside the transaction that writes: no save can slip in between.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var leads = await SnapshotAsync(wanted, includeDeleted: false, cancellationToken);
        var target = changes.StageId is { } stageId ? await CheckStageAsync(stageId, leads, cancellationToken) : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var newOwners = await NewOwnersAsync(leads, changes, target, cancellationToken);

        var history = new List<LeadHistoryEntry>();
        var changed = new HashSet<Guid>();
        void Change(Snapshot lead, string field, object? before, object? after)
        {
            if (!Equals(before, after))
            {
                history.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, field, LeadHistoryRecorder.Format(before), LeadHistoryRecorder.Format(after), now, actor.UserId));
                changed.Add(lead.Id);
            }
        }
        foreach (var lead in leads)
        {
            if (newOwners.TryGetValue(lead.Id, out var owner))
            {
                Change(lead, nameof(Lead.OwnerId), lead.OwnerId, owner);
                if (owner != lead.OwnerId)
                {
                    db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.OwnerChanged, "Owner changed (bulk)", null, now));
                }
            }
            if (changes.Priority is { } priority)
            {
                Change(lead, nameof(Lead.Priority), lead.Priority, priority);
            }
            if (source is not null)
            {
                Change(lead, nameof(Lead.Source), lead.Source, source.Length == 0 ? null : source);
            }
            if (target is not null && lead.StageId != target.Id)
            {
                Change(lead, nameof(Lead.StageId), lead.StageId, target.Id);
                var from = (await pipelines.StageAsync(lead.StageId, cancellationToken))?.Name;
                db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.StageChanged, $"Moved from {from} to {target.Name} (bulk)", null, now));
            }
        }
        if (changed.Count == 0)
        {
            return new BulkResult(wanted.Count, 0);
        }

        var changedIds = changed.ToList();
        foreach (var group in newOwners.Where(o => changed.Contains(o.Key)).GroupBy(o => o.Value, o => o.Key))
        {
            var groupIds = group.ToList();
            await db.Leads.Where(l => groupIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.OwnerId, group.Key), cancellationToken);
        }
        if (changes.Priority is { } newPriority)
        {
            await db.Leads.Where(l => changedIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Priority, newPriority), cancellationToken);
        }
        if (source is not null)
        {
            var newSource = source.Length == 0 ? null : source;
            await db.Leads.Where(l => changedIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Source, newSource), cancellationToken);
        }
        if (target is not null)
        {
            await db.Leads.Where(l => changedIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.StageId, target.Id), cancellationToken);
        }
        await StampAsync(changedIds, now, cancellationToken);
        db.LeadHistory.AddRange(history);
        var stageBefore = leads.ToDictionary(l => l.Id, l => l.StageId);
        await QueueWebhooksAsync(changedIds, lead => target is not null && stageBefore[lead.Id] != target.Id
            ? [(WebhookEvents.LeadStageChanged, stageBefore[lead.Id]), (WebhookEvents.LeadUpdated, null)]
            : [(WebhookEvents.LeadUpdated, null)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear(); // tracked leads are stale after set-based updates
        return new BulkResult(wanted.Count, changed.Count);
    }

    public Task<BulkResult> DeleteAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(ids, deleted: true, cancellationToken);

    public Task<BulkResult> RestoreAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(ids, deleted: false, cancellationToken);

    private async Task<BulkResult> SetDeletedAsync(IReadOnlyCollection<Guid> ids, bool deleted, CancellationToken cancellationToken)
    {
        access.Require(Permissions.LeadsDelete, deleted ? Messages.T("Only managers and admins can delete leads.") : Messages.T("Only managers and admins can restore leads."));
        var wanted = CheckIds(ids);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var affected = (await SnapshotAsync(wanted, includeDeleted: true, cancellationToken)).Where(l => l.IsDeleted != deleted).ToList();
        if (affected.Count == 0)
        {
            return new BulkResult(wanted.Count, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var affectedIds = affected.Select(l => l.Id).ToList();
        await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
            .Where(l => affectedIds.Contains(l.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.IsDeleted, deleted)
                .SetProperty(l => l.DeletedAt, deleted ? now : null)
                .SetProperty(l => l.DeletedById, deleted ? actor.UserId : null), cancellationToken);
        await StampAsync(affectedIds, now, cancellationToken);
        if (deleted)
        {
            await QueueWebhooksAsync(affectedIds, _ => [(WebhookEvents.LeadDeleted, null)], cancellationToken);
        }
        foreach (var lead in affected)
        {
            db.LeadHistory.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, LeadHistoryRecorder.DeletedField,
                LeadHistoryRecorder.Format(!deleted), LeadHistoryRecorder.Format(deleted), now, actor.UserId));
            db.LeadActivities.Add(deleted
                ? new LeadActivity(lead.Id, ActivityType.Deleted, "Lead moved to the trash (bulk)", null, now)
                : new LeadActivity(lead.Id, ActivityType.Restored, "Lead restored from the trash (bulk)", null, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear(); // tracked leads are stale after set-based updates
        return new BulkResult(wanted.Count, affected.Count);
    }

    /// <summary>The webhook deliveries the change tracker would have queued, for leads changed by set-based SQL.</summary>
    private async Task QueueWebhooksAsync(List<Guid> ids, Func<Lead, (string Event, Guid? PreviousStageId)[]> eventsOf, CancellationToken cancellationToken)
    {
        if (actor.WorkspaceId is not { } workspaceId || !await webhooks.HasSubscribersAsync(workspaceId, cancellationToken))
        {
            return;
        }
        var changed = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
            .Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        db.WebhookDeliveries.AddRange(await webhooks.DeliveriesAsync(workspaceId,
            changed.SelectMany(lead => eventsOf(lead).Select(e => (lead, e.Event, e.PreviousStageId))), cancellationToken));
    }

    private static List<Guid> CheckIds(IReadOnlyCollection<Guid> ids)
    {
        var wanted = ids.Where(id => id != Guid.Empty).Distinct().ToList();
        return wanted.Count switch
        {
            0 => throw Validation.Error("ids", Messages.T("Select at least one lead.")),
            > MaxIds => throw Validation.Error("ids", Messages.T("Select at most {0:N0} leads at a time.", MaxIds)),
            _ => wanted,
        };
    }

    /// <summary>The leads as they are before the change, read inside its write transaction.</summary>
    private async Task<List<Snapshot>> SnapshotAsync(List<Guid> ids, bool includeDeleted, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // SQLite's one writer keeps other saves out until the commit; PostgreSQL needs the rows locked (in id order,
            // so two bulk changes cannot deadlock), or a save could land between this read and the updates.
            var locked = ids.Order().ToArray();
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Leads" WHERE "Id" = ANY({locked}) ORDER BY "Id" FOR UPDATE""", cancellationToken);
        }
        var visible = await access.VisibleAsync(includeDeleted, cancellationToken);
        return await visible.AsNoTracking()
            .TagWith(SnapshotTag)
            .Where(l => ids.Contains(l.Id))
            .Select(l => new Snapshot(l.Id, l.WorkspaceId, l.OwnerId, l.Priority, l.StageId, l.PipelineId, l.Source, l.Status, l.IsDeleted))
            .ToListAsync(cancellationToken);
    }

    private async Task<Stage> CheckStageAsync(Guid stageId, List<Snapshot> leads, CancellationToken cancellationToken)
    {
        var stage = await db.Stages.FirstOrDefaultAsync(s => s.Id == stageId, cancellationToken)
            ?? throw Validation.Error("stageId", Messages.T("That stage does not exist in this workspace."));
        var elsewhere = leads.Count(l => l.PipelineId != stage.PipelineId);
        if (elsewhere > 0)
        {
            throw Validation.Error("stageId", elsewhere == 1
                ? Messages.T("1 of the selected leads is in another pipeline; {0} is not one of its stages.", stage.Name)
                : Messages.T("{0:N0} of the selected leads are in another pipeline; {1} is not one of their stages.", elsewhere, stage.Name));
        }
        var closed = leads.Count(l => l.Status != LeadStatus.Open && l.StageId != stage.Id);
        if (closed > 0)
        {
            throw Validation.Error("stageId", closed == 1
                ? Messages.T("1 of the selected leads is converted or disqualified; reopen it before moving it.")
                : Messages.T("{0:N0} of the selected leads are converted or disqualified; reopen them before moving them.", closed));
        }
        var required = (await pipelines.FieldsAsync(stage.Id, cancellationToken)).Where(f => f.IsRequired).ToList();
        if (required.Count > 0)
        {
            var requiredIds = required.Select(f => f.Id).ToList();
            var moving = leads.Where(l => l.StageId != stage.Id).Select(l => l.Id).ToList();
            var complete = await db.LeadStageValues
                .Where(v => moving.Contains(v.LeadId) && requiredIds.Contains(v.StageFieldId))
                .GroupBy(v => v.LeadId)
                .CountAsync(g => g.Count() == requiredIds.Count, cancellationToken);
            if (complete < moving.Count)
            {
                throw Validation.Error("stageId",
                    Messages.T("{0} needs {1} for each lead. Move the leads that lack them one at a time.", stage.Name, string.Join(", ", required.Select(f => f.Label))));
            }
        }
        return stage;
    }

    /// <summary>Lead → new owner, for the leads whose owner this change sets: an explicit owner wins over the stage's rule.</summary>
    private async Task<Dictionary<Guid, Guid?>> NewOwnersAsync(List<Snapshot> leads, BulkChanges changes, Stage? target, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<Guid, Guid?>();
        if (changes.OwnerId is not null || changes.Unassign)
        {
            foreach (var lead in leads)
            {
                owners[lead.Id] = changes.Unassign ? null : changes.OwnerId;
            }
            return owners;
        }
        if (target is null || target.OwnershipMode == StageOwnershipMode.KeepOwner)
        {
            return owners;
        }
        foreach (var lead in leads.Where(l => l.StageId != target.Id))
        {
            owners[lead.Id] = await ownership.OwnerOnEntryAsync(target, lead.OwnerId, cancellationToken);
        }
        return owners;
    }

    private Task<int> StampAsync(List<Guid> ids, DateTime now, CancellationToken cancellationToken) =>
        db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
            .Where(l => ids.Contains(l.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Version, l => l.Version + 1)
                .SetProperty(l => l.UpdatedAt, now)
                .SetProperty(l => l.UpdatedById, actor.UserId), cancellationToken);
}
