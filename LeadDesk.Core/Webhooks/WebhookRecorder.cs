using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Core.Webhooks;

/// <summary>
/// Puts a delivery in the outbox, in the same transaction, for each subscription interested in what a save
/// does to a lead: from any entry point, like the history. Subscriptions are cached per workspace.
/// </summary>
public sealed class WebhookRecorder(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    internal sealed record Subscriber(Guid Id, IReadOnlyList<string> Events);

    public static string CacheKey(Guid workspaceId) => $"webhooks:{workspaceId}";

    /// <summary>Adds outbox rows for the lead changes tracked by <paramref name="context"/>: stamped, about to be saved.</summary>
    internal async Task RecordAsync(DbContext context, Guid? workspaceId, CancellationToken cancellationToken)
    {
        if (workspaceId is not { } workspace)
        {
            return;
        }
        var leads = context.ChangeTracker.Entries<Lead>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (leads.Count == 0)
        {
            return;
        }
        var subscribers = await SubscribersAsync(workspace, cancellationToken);
        if (subscribers.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in leads)
        {
            foreach (var (@event, previousStage) in EventsOf(entry))
            {
                foreach (var subscriber in subscribers.Where(s => s.Events.Contains(@event)))
                {
                    context.Add(WebhookDelivery.Create(workspace, subscriber.Id, @event, id => WebhookEvents.Payload(id, @event, now, entry.Entity, previousStage), now, entry.Entity.Id));
                }
            }
        }
    }

    public async Task<bool> HasSubscribersAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        (await SubscribersAsync(workspaceId, cancellationToken)).Count > 0;

    /// <summary>For bulk changes, which bypass the change tracker: the events of leads changed by set-based SQL.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Guid workspaceId, IEnumerable<(Lead Lead, string Event, Guid? PreviousStageId)> changes, CancellationToken cancellationToken)
    {
        var subscribers = await SubscribersAsync(workspaceId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. from change in changes
                   from subscriber in subscribers
                   where subscriber.Events.Contains(change.Event)
                   select WebhookDelivery.Create(workspaceId, subscriber.Id, change.Event,
                       id => WebhookEvents.Payload(id, change.Event, now, change.Lead, change.PreviousStageId), now, change.Lead.Id)];
    }

    private static IEnumerable<(string Event, Guid? PreviousStage)> EventsOf(EntityEntry<Lead> entry)
    {
        if (entry.State == EntityState.Added)
        {
            yield return (WebhookEvents.LeadCreated, null);
            yield break;
        }
        if (entry.State == EntityState.Deleted || (entry.Property(l => l.IsDeleted).IsModified && entry.Entity.IsDeleted && !entry.Property(l => l.IsDeleted).OriginalValue))
        {
            yield return (WebhookEvents.LeadDeleted, null);
            yield break;
        }
        var stage = entry.Property(l => l.StageId);
        if (stage.IsModified && stage.OriginalValue != stage.CurrentValue)
        {
            yield return (WebhookEvents.LeadStageChanged, stage.OriginalValue);
        }
        var status = entry.Property(l => l.Status);
        if (status.IsModified && status.CurrentValue == LeadStatus.Converted && status.OriginalValue != LeadStatus.Converted)
        {
            yield return (WebhookEvents.LeadConverted, null);
        }
        yield return (WebhookEvents.LeadUpdated, null);
    }

    private async Task<IReadOnlyList<Subscriber>> SubscribersAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CacheKey(workspaceId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            // Its own context: this runs while the caller's context is saving.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            var rows = await db.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.WorkspaceId == workspaceId && s.IsActive)
                .Select(s => new { s.Id, s.Events })
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<Subscriber>)rows.Select(r => new Subscriber(r.Id, r.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        }) ?? [];
}
