using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadDesk.Core.Data;

/// <summary>
/// SQLite's planner chooses indexes from statistics (<c>sqlite_stat1</c>). Without them it can walk a whole
/// index to avoid a sort — 200 ms instead of 0.2 ms for a duplicate check at 100,000 leads. A sampled
/// ANALYZE (about 20 ms at that size) runs at start-up and then every hour, as the data grows.
/// </summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static Task RefreshAsync(LeadDeskDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await RefreshAsync(scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>(), stoppingToken);
        }
    }
}
