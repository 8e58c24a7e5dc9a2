using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Interactive;

namespace LeadDesk.Tests.Web.Circuits;

public sealed partial class DashboardFiguresTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task TheFigures_AreTheWorkspacesCounts_ForWhatTheMemberMaySee()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(database.Fixture, acme, "Mine", value: 1_000m, ownerId: rep);
        await TestData.LeadAsync(database.Fixture, acme, "Other", value: 2_500m, secondStage: true);
        await TestData.LeadAsync(database.Fixture, acme, "Won", LeadStatus.Converted);
        await using var context = new ComponentContext(database.Fixture, rep, acme.WorkspaceId);

        var cut = context.Render<DashboardFigures>();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=stat-open] .ld-figure-value").TextContent));
        Assert.Equal("1", cut.Find("[data-testid=stat-mine] .ld-figure-value").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=stat-converted] .ld-figure-value").TextContent);
        Assert.Equal("$3,500", cut.Find("[data-testid=stat-value] .ld-figure-value").TextContent);
        Assert.Equal(["1", "1"], cut.FindAll("[data-testid=stage-count]").Select(c => c.TextContent));
        Assert.Equal("/leads?owner=me&status=open", cut.Find("[data-testid=stat-mine] a").GetAttribute("href"));
        Assert.Equal($"/leads?stage={acme.FirstStageId}&status=open", cut.Find("[data-testid=stage-table] tbody tr a").GetAttribute("href"));
    }

    [Fact]
    public async Task The_weeks_and_the_sources_are_charts_with_tables_of_links_to_the_list()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(database.Fixture, acme, "FromWeb", lead => lead.Source = "Website");
        await TestData.LeadAsync(database.Fixture, acme, "FromWeb2", lead => lead.Source = "Website");
        await TestData.LeadAsync(database.Fixture, acme, "Unsourced", lead => lead.Source = null);
        await using var context = new ComponentContext(database.Fixture, rep, acme.WorkspaceId);

        var cut = context.Render<DashboardFigures>();

        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[data-testid=week-table] tbody tr").Count));
        Assert.NotEmpty(cut.FindAll("[data-testid=week-chart]"));
        var thisWeek = cut.FindAll("[data-testid=week-table] tbody tr")[^1];
        Assert.Equal("3", thisWeek.QuerySelector("td")!.TextContent);
        Assert.Matches(@"^/leads\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$", thisWeek.QuerySelector("a")!.GetAttribute("href"));
        var sources = cut.FindAll("[data-testid=source-table] tbody tr").Select(r => r.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal([["Website", "2", "67%"], ["No source", "1", "33%"]], sources);
        Assert.Equal("/leads?source=Website", cut.Find("[data-testid=source-table] tbody tr a").GetAttribute("href"));
        Assert.Single(cut.FindAll("[data-testid=source-table] a"));
    }
}
