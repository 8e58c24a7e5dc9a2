using LeadDesk.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Data;

/// <summary>
/// SQLite's planner chooses indexes from statistics (<c>sqlite_stat1</c>). Without them it can walk a whole
/// index to avoid a sort — 200 ms instead of 0.2 ms for a duplicate check at 100,000 leads. A sampled
/// ANALYZE (about 20 ms at that size) runs at start-up and then every hour, as the data grows. It writes the
/// statistics tables, so it queues for the writer like any other write.
/// </summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger, TimeProvider clock) : PeriodicJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public static async Task RefreshAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        using var write = await db.EnterWriteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
    }

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RefreshAsync(scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>(), stoppingToken);
    }
}
