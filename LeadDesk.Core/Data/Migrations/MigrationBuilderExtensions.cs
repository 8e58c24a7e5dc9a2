using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

internal static class MigrationBuilderExtensions
{
    /// <summary>
    /// A NOT NULL column on a table that may have rows: added with a default for them, which PostgreSQL then
    /// drops so the column matches the model (SQLite cannot drop a default, and its schema check ignores them).
    /// </summary>
    public static void AddRequiredColumn<T>(this MigrationBuilder migrationBuilder, string table, string column, T defaultValue, int? maxLength = null)
    {
        migrationBuilder.AddColumn<T>(column, table, maxLength: maxLength, nullable: false, defaultValue: defaultValue);
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT""");
        }
    }

    /// <summary>
    /// Drops a column where it is. EF's DropColumn rebuilds the SQLite table from a model snapshot, which these hand-written
    /// migrations do not keep; SQLite (3.35 and later) and PostgreSQL both drop an unindexed column in place.
    /// </summary>
    public static void DropColumnInPlace(this MigrationBuilder migrationBuilder, string table, string column) =>
        migrationBuilder.Sql($"""ALTER TABLE "{table}" DROP COLUMN "{column}";""");
}
