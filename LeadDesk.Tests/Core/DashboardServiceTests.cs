using LeadDesk.Core.Dashboard;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

public sealed class DashboardServiceTests
{
    [Fact]
    public async Task Summary_CountsOpenLeadsAndValuesPerStage_ForTheCurrentWorkspaceOnly()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");
        var userId = await TestUsers.CreateAsync(fixture, "rep@example.com");
        await TestData.LeadAsync(fixture, acme, "A1", value: 1000m, ownerId: userId);
        await TestData.LeadAsync(fixture, acme, "A2", value: 250.50m);
        await TestData.LeadAsync(fixture, acme, "A3", value: 4000m, secondStage: true, ownerId: userId);
        await TestData.LeadAsync(fixture, acme, "A4", status: LeadStatus.Converted, value: 9999m);
        await TestData.LeadAsync(fixture, acme, "A5", status: LeadStatus.Disqualified);
        await TestData.LeadAsync(fixture, globex, "G1", value: 123m);

        await using var scope = fixture.ScopeAs(acme.WorkspaceId, userId);
        var summary = await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync();

        Assert.Equal("Sales", summary.PipelineName);
        Assert.Equal([("new", 2, 1250.50m), ("qualified", 1, 4000m)], summary.Stages.Select(s => (s.Key, s.OpenLeads, s.Value)));
        Assert.Equal(3, summary.OpenLeads);
        Assert.Equal(5250.50m, summary.OpenValue);
        Assert.Equal(2, summary.MyOpenLeads);
        Assert.Equal(1, summary.Converted);
        Assert.Equal(1, summary.Disqualified);
        Assert.Equal(5, summary.NewThisWeek);
    }

    [Fact]
    public async Task NewThisWeek_CountsFromMondayUtc()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero)); // Sunday
        await TestData.LeadAsync(fixture, acme, "LastWeek");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 30, 0, TimeSpan.Zero)); // Monday
        await TestData.LeadAsync(fixture, acme, "ThisWeek");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero));

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var summary = await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync();

        Assert.Equal(1, summary.NewThisWeek);
    }

    [Fact]
    public async Task CreatedPerWeek_CoversTwelveWeeks_ToThisOne_CountingEachLeadInItsWeek()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero)); // the Sunday before the first week
        await TestData.LeadAsync(fixture, acme, "TooOld");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero)); // first week's Monday
        await TestData.LeadAsync(fixture, acme, "First");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 31, 23, 59, 0, TimeSpan.Zero)); // last week's Sunday
        await TestData.LeadAsync(fixture, acme, "LastWeek1");
        await TestData.LeadAsync(fixture, acme, "LastWeek2");
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero)); // this week
        await TestData.LeadAsync(fixture, acme, "Today");
        await TestData.LeadAsync(fixture, globex, "Elsewhere");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var weeks = (await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync()).CreatedPerWeek;

        Assert.Equal(DashboardService.Weeks, weeks.Count);
        Assert.Equal(new DateOnly(2026, 11, 16), weeks[0].Monday);
        Assert.Equal(new DateOnly(2027, 2, 1), weeks[^1].Monday);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1], weeks.Select(w => w.Created));
    }

    [Fact]
    public async Task BySource_ShowsTheLargestSources_ThenTheRestAsOther_AndLeadsWithoutOne()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var sources = Enumerable.Range(1, DashboardService.Sources + 2).Select(i => $"Source {i:00}").ToList();
        for (var i = 0; i < sources.Count; i++)
        {
            for (var n = 0; n < sources.Count - i; n++)
            {
                var source = sources[i];
                await TestData.LeadAsync(fixture, acme, $"L{i}-{n}", lead => lead.Source = source);
            }
        }
        await TestData.LeadAsync(fixture, acme, "Unsourced", lead => lead.Source = null);

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var bySource = (await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync()).BySource;

        Assert.Equal(DashboardService.Sources + 1, bySource.Count);
        Assert.Equal(("Source 01", 9), (bySource[0].Source, bySource[0].Leads));
        Assert.Equal(sources.Take(DashboardService.Sources), bySource.Take(DashboardService.Sources).Select(s => s.Source));
        // Past the seventh: sources 08 and 09 (2 + 1 leads) and the one lead with no source.
        Assert.Equal((true, 4), (bySource[^1].IsOther, bySource[^1].Leads));
        Assert.Equal(sources.Count * (sources.Count + 1) / 2 + 1, bySource.Sum(s => s.Leads));
    }

    [Theory]
    [InlineData("2026-11-16T00:00:00Z", "2026-11-16")]
    [InlineData("2026-11-22T23:59:59Z", "2026-11-16")]
    [InlineData("2026-11-23T08:00:00Z", "2026-11-23")]
    public void StartOfWeek_IsMondayMidnightUtc(string now, string monday)
    {
        var start = DashboardService.StartOfWeek(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);

        Assert.Equal(DateTime.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }
}
