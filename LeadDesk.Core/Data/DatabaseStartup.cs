using System.Net.Sockets;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeadDesk.Core.Data;

/// <summary>
/// Start-up work on the database: check the SQLite folder, apply migrations (and the data step that follows one,
/// <see cref="LegacyPhoneUpgrade"/>), switch SQLite to WAL, encrypt webhook secrets stored in plaintext by earlier
/// versions and seed the demo. A failure is reported as one log line naming the setting to fix.
/// </summary>
public static partial class DatabaseStartup
{
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = provider.GetRequiredService<LeadDeskDbContext>();
        var connectionString = db.Database.GetConnectionString() ?? "";

        if (options.Provider == DatabaseProvider.Sqlite && !EnsureSqliteFolder(connectionString, logger))
        {
            return false;
        }
        if (options.Provider == DatabaseProvider.Postgres && !await PostgresReachableAsync(connectionString, logger, cancellationToken))
        {
            return false;
        }
        try
        {
            await db.MigrateAsync(cancellationToken);
            await provider.GetRequiredService<LegacyPhoneUpgrade>().RunAsync(cancellationToken);
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await SqliteStatistics.RefreshAsync(db, cancellationToken);
            }
        }
        catch (SqliteException ex)
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            LogSqliteFailed(logger, dataSource, ex.Message);
            return false;
        }

        var encrypted = await provider.GetRequiredService<WebhookSecrets>().ProtectPlaintextAsync(db, cancellationToken);
        if (encrypted > 0)
        {
            LogWebhookSecretsEncrypted(logger, encrypted);
        }
        await provider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        return true;
    }

    // Checked with a bare connection before EF runs, so the failure is our one line, not EF's stack trace.
    private static async Task<bool> PostgresReachableAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return true; // the server answered; migrating creates the database
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            LogPostgresUnreachable(logger, builder.Host, builder.Port, builder.Database, ex.Message);
            return false;
        }
    }

    private static bool EnsureSqliteFolder(string connectionString, ILogger logger)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return true;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSqliteFolderUnusable(logger, folder, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The SQLite database folder '{Folder}' cannot be created or written ({Reason}). Fix ConnectionStrings:LeadDesk (Data Source=...) or the folder's permissions.")]
    private static partial void LogSqliteFolderUnusable(ILogger logger, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The SQLite database '{DataSource}' cannot be opened or migrated ({Reason}). Check ConnectionStrings:LeadDesk.")]
    private static partial void LogSqliteFailed(ILogger logger, string dataSource, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "PostgreSQL at {Host}:{Port} (database '{Database}') cannot be reached ({Reason}). Check ConnectionStrings:LeadDesk, or set Database:Provider=Sqlite.")]
    private static partial void LogPostgresUnreachable(ILogger logger, string? host, int port, string? database, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} webhook signing secret(s) stored in plaintext by an earlier version.")]
    private static partial void LogWebhookSecretsEncrypted(ILogger logger, int count);
}
