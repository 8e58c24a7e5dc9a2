using System.Collections.Concurrent;
using LeadDesk.Core.Leads;

namespace LeadDesk.Web.Circuits;

/// <summary>
/// One read for all the open pages that refresh after the same change. When a lead changes, every open board and list
/// of the workspace reads again; those that would read the same rows for the same kind of reader share the first one's
/// read instead of each asking the database. A read is shared only among refreshes begun after the same change (the
/// key holds the workspace's change <see cref="LeadChangeNotifier.Version"/>), so none shows less than its own read would.
/// </summary>
public sealed class SharedReads(LeadChangeNotifier notifier, TimeProvider time)
{
    /// <summary>How long a finished read may serve latecomers; the refreshes after one change come within about half a second.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Key, Entry> _reads = new();

    /// <param name="reader">Who the rows are for, as far as it changes them: the role, and the user when the rows are theirs only.</param>
    /// <param name="what">What is read, with value equality (a filter or a list query).</param>
    public async Task<T> ReadAsync<T>(Guid workspaceId, string reader, object what, Func<Task<T>> read)
    {
        var now = time.GetTimestamp();
        Forget(now);
        var key = new Key(workspaceId, notifier.Version(workspaceId), reader, typeof(T), what);
        var entry = _reads.GetOrAdd(key, _ => new Entry(new Lazy<Task<object?>>(async () => await read()), now));
        try
        {
            return (T)(await entry.Read.Value)!;
        }
        catch
        {
            _reads.TryRemove(KeyValuePair.Create(key, entry)); // the next refresh tries again rather than sharing a failure
            throw;
        }
    }

    /// <summary>Reads older than <see cref="Lifetime"/> go: a later refresh reads again.</summary>
    private void Forget(long now)
    {
        foreach (var (key, entry) in _reads)
        {
            if (time.GetElapsedTime(entry.Started, now) > Lifetime)
            {
                _reads.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed record Key(Guid WorkspaceId, long Version, string Reader, Type Result, object What);

    private sealed record Entry(Lazy<Task<object?>> Read, long Started);
}
