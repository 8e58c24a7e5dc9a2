using LeadDesk.Core.Leads;

namespace LeadDesk.Web.Circuits;

/// <summary>
/// Turns the workspace's lead changes into reloads of one open page: the first shortly after a change, then at most one a
/// second while changes keep coming (an import or a busy API must not make every open page read the database per lead).
/// The pause grows with the time a reload takes (ten times it, up to 10 s), and each page adds a little jitter, so many
/// open pages on a busy node spread their reloads instead of all reading at once.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    /// <summary>Lets a burst of saves (a bulk change, a save then its transaction) arrive before reading.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);

    private readonly Func<Task> _reload;
    private readonly IDisposable _subscription;
    private readonly CancellationTokenSource _stopped = new();
    private int _dirty;
    private int _running;

    /// <param name="reload">Reads and renders again; runs on the page's renderer (pass it through the component's InvokeAsync).</param>
    /// <param name="concerns">Whether a change concerns the page (a lead page: only its lead's); every change when null.</param>
    public LiveRefresh(LeadChangeNotifier notifier, Guid workspaceId, Func<Task> reload, Func<LeadsChanged, bool>? concerns = null)
    {
        _reload = reload;
        _subscription = notifier.Subscribe(workspaceId, change =>
        {
            if (concerns is null || concerns(change))
            {
                Changed();
            }
        });
    }

    private void Changed()
    {
        Interlocked.Exchange(ref _dirty, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(Settle + Jitter(), _stopped.Token);
            while (Interlocked.Exchange(ref _dirty, 0) == 1)
            {
                var started = TimeProvider.System.GetTimestamp();
                await _reload(); // handles its own failures (the page shows them)
                var took = TimeProvider.System.GetElapsedTime(started);
                var pause = TimeSpan.FromTicks(Math.Clamp(took.Ticks * 10, Interval.Ticks, MaxInterval.Ticks));
                await Task.Delay(pause + Jitter(), _stopped.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return; // the page closed
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
        if (Volatile.Read(ref _dirty) == 1)
        {
            Changed(); // a change that came in just as the loop ended
        }
    }

    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 300));

    public void Dispose()
    {
        _subscription.Dispose();
        _stopped.Cancel();
        _stopped.Dispose();
    }
}
