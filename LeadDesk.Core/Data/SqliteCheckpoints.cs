using LeadDesk.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file every second, off the request path. Left to
/// SQLite, the commit that crosses 1,000 pages of log does that copy (and its fsync) itself, while every
/// other writer waits: under the capture API that halved throughput. Connections raise the automatic
/// threshold (<see cref="SqlitePragmaInterceptor"/>) so it only acts if this job is not running.
/// </summary>
public sealed class SqliteCheckpoints(IServiceScopeFactory scopes, ILogger<SqliteCheckpoints> logger, TimeProvider clock) : PeriodicJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // PASSIVE: copies what it can without waiting for, or blocking, readers and writers, so it needs no write gate.
        await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Database
            .ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
    }
}
