using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// Per-connection SQLite settings (DESIGN.md §1). WAL is a property of the file and is set once at start-up.
/// The automatic checkpoint waits for 16,384 pages (64 MB) of log: <see cref="SqliteCheckpoints"/> does it sooner.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=16384; PRAGMA cache_size=-32768;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
