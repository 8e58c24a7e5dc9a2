using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>Counts the queries that read the API token table, to prove which requests cost none.</summary>
public sealed class TokenLookupCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    private void Observe(DbCommand command)
    {
        if (command.CommandText.Contains("\"ApiTokens\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
