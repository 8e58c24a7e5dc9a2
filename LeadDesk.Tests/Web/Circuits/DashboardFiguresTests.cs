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
}
