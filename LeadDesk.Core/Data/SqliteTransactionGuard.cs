using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// On SQLite a transaction is a write, so it must hold the write gate: one begun any other way than through
/// <see cref="LeadDeskDbContext.BeginWriteAsync"/> (or inside a gated <c>SaveChanges</c>) is refused at once, in tests
/// as in production, instead of racing the gate.
/// </summary>
internal sealed class SqliteTransactionGuard : DbTransactionInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is LeadDeskDbContext { HoldsWriteGate: false })
        {
            throw new InvalidOperationException("On SQLite, begin a transaction with LeadDeskDbContext.BeginWriteAsync (it holds the write gate), not Database.BeginTransaction.");
        }
    }
}
