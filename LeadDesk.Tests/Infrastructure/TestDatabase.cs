using LeadDesk.Core.Data;
using Npgsql;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// A throw-away database for one fixture: a temp SQLite file by default, or a fresh PostgreSQL
/// database when <c>LEADDESK_TEST_POSTGRES</c> holds a server connection string (scripts/test.sh sets it).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "LEADDESK_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static bool UsesPostgres => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable));

    public TestDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            Provider = DatabaseProvider.Sqlite;
            _folder = Directory.CreateTempSubdirectory("leaddesk-test-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")}";
            return;
        }
        Provider = DatabaseProvider.Postgres;
        _adminConnectionString = server;
        _databaseName = $"leaddesk_test_{Guid.NewGuid():N}";
        // The app's migrations create the database's tables; the database itself is created here.
        Execute($"CREATE DATABASE \"{_databaseName}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _databaseName, Pooling = false }.ConnectionString;
    }

    /// <summary>Configuration keys the app reads, for WebApplicationFactory or a ServiceCollection.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Database:Provider", Provider.ToString()),
        new("ConnectionStrings:LeadDesk", ConnectionString),
    ];

    public void Dispose()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing host; the OS temp cleaner takes it.
            }
        }
        if (_databaseName is not null)
        {
            Execute($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
