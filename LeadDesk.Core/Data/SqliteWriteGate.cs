using LeadDesk.Core.Common;

namespace LeadDesk.Core.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the database locked sleeps in growing steps
/// (up to 100 ms) before trying again. Under concurrent writes that sleeping, not the writing, sets the pace.
/// This gate queues this process's writes in memory instead, so each starts the moment the previous one ends.
/// A write holds it from its first statement to its commit or rollback: a <c>SaveChanges</c> on its own, or a
/// whole <see cref="WriteTransaction"/>. (PostgreSQL needs none of it and does not get it.)
/// </summary>
/// <remarks>
/// A lease is only ever taken by <see cref="EnterAsync"/> and given back by disposing it, in a <c>using</c>
/// that encloses the write; every wait has a timeout. Nothing else can hold the gate, so no error path can leak it.
/// </remarks>
public sealed class SqliteWriteGate(TimeSpan timeout) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public TimeSpan Timeout { get; } = timeout;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _writer.WaitAsync(Timeout, cancellationToken))
        {
            throw new DatabaseBusyException(Timeout);
        }
        return new Lease(_writer);
    }

    public IDisposable Enter()
    {
        if (!_writer.Wait(Timeout))
        {
            throw new DatabaseBusyException(Timeout);
        }
        return new Lease(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Lease(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
