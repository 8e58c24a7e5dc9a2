using System.Diagnostics;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Trash;

/// <summary>The app with the trash purge running every 0.6 seconds.</summary>
public sealed class FrequentPurgeAppFactory : ApiAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Retention:PurgeIntervalMinutes", "0.01");
    }
}

public sealed class TrashPurgeJobTests(FrequentPurgeAppFactory app) : IClassFixture<FrequentPurgeAppFactory>
{
    [Fact]
    public async Task TheRunningApp_PurgesLeadsInTheTrashLongerThanTheRetention_OnItsOwn()
    {
        var expired = await app.CreateLeadAsync(configure: l => l.Trash(DateTime.UtcNow.AddDays(-31)));
        var young = await app.CreateLeadAsync(configure: l => l.Trash(DateTime.UtcNow.AddDays(-29)));

        var waited = Stopwatch.StartNew();
        while (await ExistsAsync(expired) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.False(await ExistsAsync(expired), "the expired lead is still there after 20 s");
        Assert.True(await ExistsAsync(young));
    }

    private Task<bool> ExistsAsync(Guid id) =>
        app.QueryAsync(db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AnyAsync(l => l.Id == id));
}
