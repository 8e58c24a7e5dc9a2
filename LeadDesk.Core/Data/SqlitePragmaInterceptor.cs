using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Core.Data;

/// <summary>
/// Per-connection SQLite settings (DESIGN.md §1). WAL is a property of the file and is set once at start-up.
/// <c>synchronous</c> comes from <c>Database:SqliteSynchronous</c>: FULL (the default) syncs the log at every commit, so an
/// acknowledged write survives a power cut or an OS crash; NORMAL survives a crash of the process only.
/// The automatic checkpoint waits for 16,384 pages (64 MB) of log: <see cref="SqliteCheckpoints"/> does it sooner.
/// The settings last as long as the native connection, which the pool reuses across many opens, so they are
/// sent once per native connection rather than on every open.
/// </summary>
internal sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=16384; PRAGMA cache_size=-32768;";
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private static bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, handle);
        }
    }
}
