using Microsoft.Data.Sqlite;
using Npgsql;

namespace LeadDesk.Core.Data;

/// <summary>What a provider's error means for the caller, the same on SQLite and PostgreSQL.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index refused the row: someone else wrote the same key first.</summary>
    public static bool IsUniqueViolation(Exception exception) => Innermost(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Two transactions collided and the database gave up one of them (PostgreSQL deadlock or serialization failure):
    /// nothing of it was written, and the same request may succeed when sent again.
    /// </summary>
    public static bool IsCollision(Exception exception) =>
        Innermost(exception) is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>SQLite stayed locked by another writer (another process) for longer than its busy timeout.</summary>
    public static bool IsBusy(Exception exception) =>
        Innermost(exception) is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is { } inner && current is not (SqliteException or PostgresException))
        {
            current = inner;
        }
        return current;
    }
}
