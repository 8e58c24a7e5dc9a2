using Microsoft.EntityFrameworkCore.Storage;

namespace LeadDesk.Core.Data;

/// <summary>
/// A database transaction that also holds this process's SQLite write gate from begin to end (see
/// <see cref="LeadDeskDbContext.BeginWriteAsync"/>). Disposing it rolls back what was not committed and gives
/// the gate back, whatever happened in between.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly IDisposable _write;

    internal WriteTransaction(IDbContextTransaction transaction, IDisposable write)
    {
        _transaction = transaction;
        _write = write;
    }

    public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _write.Dispose();
        }
    }
}
