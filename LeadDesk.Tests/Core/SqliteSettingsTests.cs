using LeadDesk.Core;
using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

/// <summary>Every SQLite connection the app opens — fresh or taken again from the pool — has the settings of DESIGN.md §1.</summary>
public sealed class SqliteSettingsTests
{
    [Theory]
    [InlineData(null, 2L)] // FULL by default: an acknowledged write survives a power cut
    [InlineData("Full", 2L)]
    [InlineData("Normal", 1L)]
    public async Task EveryOpen_NewOrPooled_HasTheSettings(string? synchronous, long expectedSynchronous)
    {
        var file = Path.Combine(Path.GetTempPath(), $"leaddesk-settings-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Database:Provider", "Sqlite"), new("ConnectionStrings:LeadDesk", $"Data Source={file}"), new("Database:SqliteSynchronous", synchronous)]).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadDeskCore(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        try
        {
            for (var open = 0; open < 3; open++)
            {
                await using var scope = provider.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
                Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
                Assert.Equal(expectedSynchronous, await PragmaAsync(db, "synchronous"));
                Assert.Equal(5000L, await PragmaAsync(db, "busy_timeout"));
                Assert.Equal(-32768L, await PragmaAsync(db, "cache_size"));
                Assert.Equal(16384L, await PragmaAsync(db, "wal_autocheckpoint"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<long> PragmaAsync(LeadDeskDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
