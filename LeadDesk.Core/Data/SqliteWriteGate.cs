using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the database locked sleeps in growing steps
/// (up to 100 ms) before trying again. Under concurrent writes — the capture API — that sleeping, not the
/// writing, sets the pace. This gate queues this process's saves in memory instead, one per database file,
/// so each starts the moment the previous one commits. (PostgreSQL needs none of it and does not get it.)
/// </summary>
internal sealed class SqliteWriteGate : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    // The gate a context holds while it saves, so exactly what was taken is given back.
    private static readonly ConditionalWeakTable<DbContext, SemaphoreSlim> Held = [];

    // A save inside an explicit transaction may be one of several; the transaction's own lock covers it.
    private static SemaphoreSlim? GateFor(DbContextEventData data) =>
        data.Context is { } context && context.Database.CurrentTransaction is null
            ? Gates.GetOrAdd(context.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (GateFor(eventData) is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
            Held.AddOrUpdate(eventData.Context!, gate);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (GateFor(eventData) is { } gate)
        {
            gate.Wait();
            Held.AddOrUpdate(eventData.Context!, gate);
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData);

    private static void Release(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && Held.TryGetValue(context, out var gate))
        {
            Held.Remove(context);
            gate.Release();
        }
    }
}
