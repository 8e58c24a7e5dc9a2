using LeadDesk.Core;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Tests.Core;

/// <summary>A database the app cannot use stops start-up with one log line naming the setting to fix.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task UnwritableSqliteFolder_FailsWithOneLineNamingTheSetting()
    {
        var blocker = Path.GetTempFileName(); // a file where the folder should be
        try
        {
            var (ready, lines) = await PrepareAsync(
                new("Database:Provider", "Sqlite"),
                new("ConnectionStrings:LeadDesk", $"Data Source={Path.Combine(blocker, "data", "leaddesk.db")}"));

            Assert.False(ready);
            var line = Assert.Single(lines);
            Assert.Contains("ConnectionStrings:LeadDesk", line, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(blocker, "data"), line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task UnreachablePostgres_FailsWithOneLineNamingTheSetting()
    {
        var (ready, lines) = await PrepareAsync(
            new("Database:Provider", "Postgres"),
            new("ConnectionStrings:LeadDesk", "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=3"));

        Assert.False(ready);
        var line = Assert.Single(lines);
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:LeadDesk", line, StringComparison.Ordinal);
    }

    private static async Task<(bool Ready, List<string> Lines)> PrepareAsync(params KeyValuePair<string, string?>[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sink = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(sink).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLeadDeskCore(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        var ready = await provider.PrepareDatabaseAsync();
        return (ready, sink.Lines);
    }
}
