using LeadDesk.Core.Common;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Core.Data;

public sealed class PeriodicJobTests
{
    private sealed class FlakyJob(ILogger logger, TimeProvider clock) : PeriodicJob(logger, clock)
    {
        public int Runs { get; private set; }
        public TaskCompletionSource Recovered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
        protected override bool RunsAtStart => true;

        protected override Task RunOnceAsync(CancellationToken stoppingToken)
        {
            Runs++;
            if (Runs <= 2)
            {
                throw new InvalidOperationException($"failure {Runs}");
            }
            Recovered.TrySetResult();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AFailingRun_IsLogged_AndTheNextTickRunsAgain_WithoutStoppingTheJob()
    {
        var clock = new FakeTimeProvider();
        var log = new ListLoggerProvider();
        using var job = new FlakyJob(log.CreateLogger("test"), clock);

        await job.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!job.Recovered.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(job.Recovered.Task, Task.Delay(20));
        }

        Assert.True(job.Recovered.Task.IsCompleted, "the job did not run again after failing");
        Assert.False(job.ExecuteTask!.IsCompleted, "the job stopped");
        var errors = log.LinesAt(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, line => Assert.Contains("FlakyJob failed; it runs again in 00:01:00", line, StringComparison.Ordinal));
        await job.StopAsync(CancellationToken.None);
    }
}
