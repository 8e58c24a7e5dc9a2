using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Leads;

/// <summary>Leads of one workspace that were saved (created, changed, moved, deleted, or one of their parts changed).</summary>
public sealed record LeadsChanged(Guid WorkspaceId, IReadOnlyCollection<Guid> LeadIds, Guid? ByUserId);

/// <summary>
/// Tells the open pages of a workspace that its leads changed, whoever changed them (a page, the API, a web form, a bulk
/// change): fed by <see cref="Data.AuditingInterceptor"/> once a save is committed. In process for one node; on
/// PostgreSQL <see cref="PostgresLeadChangeRelay"/> carries the notices to the other nodes.
/// </summary>
public sealed partial class LeadChangeNotifier(ILogger<LeadChangeNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<LeadsChanged>>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, long> _versions = new();

    /// <summary>Set by the relay when there is one: notices to send to the other nodes.</summary>
    internal Action<LeadsChanged>? Relay { get; set; }

    /// <summary><paramref name="handler"/> hears of every change in the workspace until the subscription is disposed. It must be quick.</summary>
    public IDisposable Subscribe(Guid workspaceId, Action<LeadsChanged> handler)
    {
        _subscribers.AddOrUpdate(workspaceId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => _subscribers.AddOrUpdate(workspaceId, _ => [], (_, list) => list.Remove(handler)));
    }

    /// <summary>
    /// How many changes of the workspace this node has heard of. It moves before the subscribers hear of a change, so a
    /// read begun while it reads n shows every change up to n.
    /// </summary>
    public long Version(Guid workspaceId) => _versions.GetValueOrDefault(workspaceId);

    public void Publish(LeadsChanged change)
    {
        Deliver(change);
        Relay?.Invoke(change);
    }

    /// <summary>To this node's subscribers only (a notice from another node).</summary>
    internal void Deliver(LeadsChanged change)
    {
        _versions.AddOrUpdate(change.WorkspaceId, 1, (_, version) => version + 1);
        if (!_subscribers.TryGetValue(change.WorkspaceId, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                // A page that fails to hear of a change must not fail the save that made it.
                SubscriberFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page listening for lead changes failed to take one; the change itself is saved.")]
    private static partial void SubscriberFailed(ILogger logger, Exception exception);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
