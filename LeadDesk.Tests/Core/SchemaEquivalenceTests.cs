using System.Data.Common;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes: one database is
/// migrated, another made with EnsureCreated, and their tables, columns and indexes compared.
/// </summary>
public sealed class SchemaEquivalenceTests
{
    [Fact]
    public async Task Migrations_BuildTheSameSchemaAsTheModel()
    {
        await using var migrated = await CoreFixture.MigratedAsync();
        await using var created = new CoreFixture();
        await using (var scope = created.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            using var write = await db.EnterWriteAsync();
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await DescribeAsync(created);
        var actual = await DescribeAsync(migrated);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private static async Task<List<string>> DescribeAsync(CoreFixture fixture)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = fixture.Provider == DatabaseProvider.Sqlite
            ? await DescribeSqliteAsync(connection)
            : await DescribePostgresAsync(connection);
        return lines.Where(line => !line.Contains("__EFMigrations", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> DescribeSqliteAsync(DbConnection connection)
    {
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        var lines = new List<string>();
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange((await QueryAsync(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}')"))
                .Select(column => $"column {table}.{column}"));
            lines.AddRange((await QueryAsync(connection, $"SELECT \"table\" || '.' || \"from\" || '->' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}')"))
                .Select(fk => $"fk {table}:{fk}"));
            foreach (var index in await QueryAsync(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
            {
                var name = index.Split(' ')[0];
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
                lines.Add($"index {table}.{index} ({string.Join(",", columns)})");
            }
        }
        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange((await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).Select(t => $"table {t}"));
        lines.AddRange((await QueryAsync(connection,
            "SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') " +
            "|| coalesce(' p' || numeric_precision || ',' || numeric_scale, '') || ' nullable=' || is_nullable " +
            "|| ' default=' || coalesce(column_default, '') || ' identity=' || is_identity " +
            "FROM information_schema.columns WHERE table_schema = 'public'")).Select(c => $"column {c}"));
        lines.AddRange((await QueryAsync(connection,
            "SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'")).Select(i => $"index {i}"));
        lines.AddRange((await QueryAsync(connection,
            "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint " +
            "WHERE connamespace = 'public'::regnamespace")).Select(c => $"constraint {c}"));
        return lines;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
