using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using LeadDesk.Web.Circuits;
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
    public async Task TheBoard_ShowsWhatSomeoneElseChangedOnACard_AndLeavesTheOthersAsTheyWere()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var changed = await TestData.LeadAsync(Fixture, acme, "Changed", value: 1000m);
        var other = await TestData.LeadAsync(Fixture, acme, "Other", value: 500m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = context.Render<BoardPage>();
        board.WaitForAssertion(() => Assert.Equal(2, board.FindAll(".ld-kcard").Count));

        await using (var api = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await api.Get<LeadService>().UpdateAsync(changed,
                new LeadInput { FirstName = "Renamed", LastName = "Lead", Email = "changed@example.com", Company = "New Co", EstimatedValue = 2500m }, expectedVersion: null);
        }

        board.WaitForAssertion(() => Assert.Contains("Renamed Lead", board.Find($".ld-kcard[data-lead-id='{changed}']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(3));
        var card = board.Find($".ld-kcard[data-lead-id='{changed}']").TextContent;
        Assert.Contains("New Co", card, StringComparison.Ordinal);
        Assert.Contains("$2,500", card, StringComparison.Ordinal);
        Assert.Contains("Other Tester", board.Find($".ld-kcard[data-lead-id='{other}']").TextContent, StringComparison.Ordinal);
        Assert.Equal("$3,000", board.Find("[data-testid=column-value]").TextContent.Trim());
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

    [Fact]
    public async Task OpenBoardsOfOneNode_RefreshingAfterOneChange_EachShowWhatTheirReaderMaySee()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var ana = await TestData.MemberAsync(Fixture, acme, "ana", WorkspaceRole.SalesRep);
        var bo = await TestData.MemberAsync(Fixture, acme, "bo", WorkspaceRole.SalesRep);
        var manager = await TestData.MemberAsync(Fixture, acme, "manager", WorkspaceRole.Manager);
        var anas = await TestData.LeadAsync(Fixture, acme, "Anas", ownerId: ana);
        var bos = await TestData.LeadAsync(Fixture, acme, "Bos", ownerId: bo);
        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        var node = new SharedReads(Fixture.Services.GetRequiredService<LeadChangeNotifier>(), TimeProvider.System);
        await using var anaContext = await ComponentContext.SignedInAsync(Fixture, ana, acme.WorkspaceId, node);
        await using var boContext = await ComponentContext.SignedInAsync(Fixture, bo, acme.WorkspaceId, node);
        await using var managerContext = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId, node);
        var boards = new[] { anaContext.Render<BoardPage>(), boContext.Render<BoardPage>(), managerContext.Render<BoardPage>() };
        foreach (var board in boards)
        {
            board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll(".ld-kcard")));
        }

        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadStageService>().ChangeStageAsync(anas, acme.SecondStageId);
            await admin.Get<LeadStageService>().ChangeStageAsync(bos, acme.SecondStageId);
        }

        string[] Cards(IRenderedComponent<BoardPage> board) =>
            [.. board.FindAll($"section.ld-column[data-stage-id='{acme.SecondStageId}'] .ld-kcard").Select(c => c.GetAttribute("data-lead-id")!).Order()];
        boards[0].WaitForAssertion(() => Assert.Equal([anas.ToString()], Cards(boards[0])), TimeSpan.FromSeconds(5));
        boards[1].WaitForAssertion(() => Assert.Equal([bos.ToString()], Cards(boards[1])), TimeSpan.FromSeconds(5));
        boards[2].WaitForAssertion(() => Assert.Equal(new[] { anas.ToString(), bos.ToString() }.Order(), Cards(boards[2])), TimeSpan.FromSeconds(5));
        Assert.All(boards, board => Assert.Empty(board.FindAll($"section.ld-column[data-stage-id='{acme.FirstStageId}'] .ld-kcard")));
    }

    [Fact]
    public async Task OpenListsOfOneNode_WithTheSameFilter_BothShowTheChange()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var first = await TestData.MemberAsync(Fixture, acme, "first", WorkspaceRole.Manager);
        var second = await TestData.MemberAsync(Fixture, acme, "second", WorkspaceRole.Manager);
        await TestData.LeadAsync(Fixture, acme, "Before");
        var node = new SharedReads(Fixture.Services.GetRequiredService<LeadChangeNotifier>(), TimeProvider.System);
        await using var firstContext = await ComponentContext.SignedInAsync(Fixture, first, acme.WorkspaceId, node);
        await using var secondContext = await ComponentContext.SignedInAsync(Fixture, second, acme.WorkspaceId, node);
        var lists = new[] { firstContext.Render<LeadsPage>(), secondContext.Render<LeadsPage>() };
        foreach (var list in lists)
        {
            list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=lead-grid] tbody a.ld-lead-link")));
        }

        await using (var api = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await api.Get<LeadService>().CreateAsync(new NewLead { FirstName = "After", LastName = "Arrival", Email = "after@example.com" });
        }

        foreach (var list in lists)
        {
            list.WaitForAssertion(() => Assert.StartsWith("2 leads", list.Find("[data-testid=lead-total]").TextContent.Trim(), StringComparison.Ordinal),
                TimeSpan.FromSeconds(5));
        }
    }
}
