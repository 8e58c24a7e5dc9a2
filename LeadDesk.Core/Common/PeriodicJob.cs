using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Common;

/// <summary>
/// A background job that runs every <see cref="Interval"/>. A run that throws is logged and the next tick tries again:
/// a job never stops the host (a plain <see cref="BackgroundService"/> does, on its first exception).
/// </summary>
public abstract partial class PeriodicJob(ILogger logger, TimeProvider clock) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>The clock the ticks follow, for the job's own reading of the time.</summary>
    protected TimeProvider Clock => clock;

    /// <summary>True to run once as soon as the host starts, before the first tick.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>Turned off by configuration: the job then does nothing on this node.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        if (RunsAtStart)
        {
            await RunSafelyAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunSafelyAsync(stoppingToken);
        }
    }

    private async Task RunSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(logger, GetType().Name, Interval, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again in {Interval}.")]
    private static partial void LogRunFailed(ILogger logger, string job, TimeSpan interval, Exception exception);
}
