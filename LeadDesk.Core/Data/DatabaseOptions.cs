namespace LeadDesk.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>SQLite's <c>synchronous</c> setting in WAL mode: when a commit waits for the disk.</summary>
public enum SqliteSynchronous
{
    /// <summary>Syncs the log only at checkpoints: an acknowledged write can be lost to a power cut or an OS crash (not to a crash of the app).</summary>
    Normal,
    /// <summary>Syncs the log at every commit (one fsync per group-committed batch of captures).</summary>
    Full,
}

/// <summary>Bound from <c>Database</c>; the connection string is <c>ConnectionStrings:LeadDesk</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "LeadDesk";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/leaddesk.db";
    public const double DefaultWriteTimeoutSeconds = 10;

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a SQLite write waits for the writer before it is refused with 503 (nothing written).</summary>
    public double WriteTimeoutSeconds { get; set; } = DefaultWriteTimeoutSeconds;

    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}
