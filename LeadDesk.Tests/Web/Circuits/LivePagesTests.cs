using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Board;
using LeadDesk.Web.Components.Pages.Leads;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>Open pages follow what others do to the workspace's leads, without a reload.</summary>
public sealed class LivePagesTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheBoard_ShowsACardSomeoneElseMoved_InItsNewColumn()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Moving");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = context.Render<BoardPage>();
        board.WaitForAssertion(() => Assert.Single(board.FindAll($"section.ld-column[data-stage-id='{acme.FirstStageId}'] .ld-kcard")));

        await using (var elsewhere = Fixture.ScopeAs(acme.WorkspaceId, sam, WorkspaceRole.SalesRep))
        {
            await elsewhere.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId);
        }

        board.WaitForAssertion(() => Assert.Single(board.FindAll($"section.ld-column[data-stage-id='{acme.SecondStageId}'] .ld-kcard[data-lead-id='{lead}']")),
            TimeSpan.FromSeconds(3));
        Assert.Empty(board.FindAll($"section.ld-column[data-stage-id='{acme.FirstStageId}'] .ld-kcard"));
        Assert.Equal(["0", "1"], board.FindAll("[data-testid=column-count]").Select(c => c.TextContent));
    }

    [Fact]
    public async Task TheList_ShowsALeadSomeoneElseChanged_AndOneTheyAdded()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Renamed");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var list = context.Render<LeadsPage>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=lead-grid] tbody a.ld-lead-link")));

        await using (var api = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var leads = api.Get<LeadService>();
            await leads.UpdateAsync(lead, new LeadInput { FirstName = "Renamed", LastName = "Elsewhere", Email = "renamed@example.com" }, expectedVersion: null);
            await leads.CreateAsync(new NewLead { FirstName = "Fresh", LastName = "Arrival", Email = "fresh@example.com" });
        }

        list.WaitForAssertion(() => Assert.Equal(["Fresh Arrival", "Renamed Elsewhere"],
            list.FindAll("[data-testid=lead-grid] tbody a.ld-lead-link").Select(a => a.TextContent).Order()), TimeSpan.FromSeconds(3));
        Assert.StartsWith("2 leads", list.Find("[data-testid=lead-total]").TextContent.Trim(), StringComparison.Ordinal);
    }
}
