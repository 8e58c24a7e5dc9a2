using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The interactive board: columns and figures, filters from the URL, dragging, the move dialog and "show more".</summary>
public sealed partial class BoardPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheBoard_HasAColumnPerStage_WithTheCountAndValueOfItsOpenLeads_AndTheirCards()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var open = await TestData.LeadAsync(Fixture, acme, "Open", value: 1_000m);
        var qualified = await TestData.LeadAsync(Fixture, acme, "Warm", value: 25_000m, secondStage: true);
        var closed = await TestData.LeadAsync(Fixture, acme, "Lost", LeadStatus.Disqualified);
        await TestData.LeadAsync(Fixture, await TestData.NewWorkspaceAsync(Fixture, "elsewhere"), "Foreign");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var board = context.Render<BoardPage>();

        board.WaitForAssertion(() => Assert.Equal(["1", "1"], Texts(board, "[data-testid=column-count]")));
        Assert.Equal([$"{acme.FirstStageId}", $"{acme.SecondStageId}"], board.FindAll("section.ld-column").Select(c => c.GetAttribute("data-stage-id")));
        Assert.Equal(["New", "Qualified"], Texts(board, ".ld-column-title"));
        Assert.Equal(["$1,000", "$25K"], Texts(board, "[data-testid=column-value]"));
        Assert.Equal([open], CardsIn(board, acme.FirstStageId));
        Assert.Equal([qualified], CardsIn(board, acme.SecondStageId));
        Assert.DoesNotContain(closed, board.FindAll(".ld-kcard").Select(c => Guid.Parse(c.GetAttribute("data-lead-id")!)));
        Assert.Equal($"/leads/{open}", board.Find($".ld-kcard[data-lead-id='{open}'] a.ld-kcard-name").GetAttribute("href"));
    }

    [Theory]
    [InlineData("priority=high", 1)]
    [InlineData("owner=none", 2)]
    [InlineData("owner=me", 1)]
    [InlineData("q=zebedee", 1)]
    [InlineData("priority=high&owner=none", 0)]
    public async Task FiltersInTheUrl_NarrowTheColumns(string query, int expected)
    {
        var (acme, rep) = await FilteredWorkspaceAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/board?{query}");

        var board = context.Render<BoardPage>();

        board.WaitForAssertion(() => Assert.Equal(expected, Texts(board, "[data-testid=column-count]").Sum(int.Parse)));
        Assert.Equal(expected, board.FindAll(".ld-kcard").Count);
    }

    [Theory]
    [InlineData("pipeline=not-a-guid")]
    [InlineData("priority=banana&owner=someone")]
    [InlineData("pipeline=0193aaaa-0000-7000-8000-000000000001")]
    [InlineData("scoreMin=x&from=2026-13-45&to=9999-12-31")]
    public async Task GarbageInTheUrl_ShowsTheDefaultPipelineUnfiltered(string query)
    {
        var (acme, rep) = await FilteredWorkspaceAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/board?{query}");

        var board = context.Render<BoardPage>();

        board.WaitForAssertion(() => Assert.Equal(["3", "0"], Texts(board, "[data-testid=column-count]")));
    }

    [Fact]
    public async Task AFilterChange_IsANewUrl_AndBackGoesBackToTheWholeBoard()
    {
        var (acme, rep) = await FilteredWorkspaceAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/board");
        var board = context.Render<BoardPage>();
        board.WaitForAssertion(() => Assert.Equal(3, board.FindAll(".ld-kcard").Count));

        await board.Find("input[data-filter=q]").InputAsync(new ChangeEventArgs { Value = "  zebedee " }); // applied after a pause in typing
        board.WaitForAssertion(() => Assert.Single(board.FindAll(".ld-kcard")), TimeSpan.FromSeconds(5));
        var filtered = navigation.Uri;
        navigation.NavigateTo("/board");

        board.WaitForAssertion(() => Assert.Equal(3, board.FindAll(".ld-kcard").Count));
        Assert.Equal("http://localhost/board?q=zebedee", filtered);
    }

    [Fact]
    public async Task DroppingACard_OnAnotherColumn_MovesTheLead_AndCarriesItsFigures()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Mover", value: 12_000m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);

        await DropAsync(board, lead, acme.SecondStageId);

        board.WaitForAssertion(() => Assert.Equal([lead], CardsIn(board, acme.SecondStageId)));
        Assert.Empty(CardsIn(board, acme.FirstStageId));
        Assert.Equal(["0", "1"], Texts(board, "[data-testid=column-count]"));
        Assert.Equal(["$0", "$12K"], Texts(board, "[data-testid=column-value]"));
        Assert.Equal(acme.SecondStageId, await StageOfAsync(acme, lead));
        Assert.Equal("Mover Tester moved to Qualified.", Snackbars(context).Single());
    }

    [Fact]
    public async Task WhileACardIsDragged_ItFades_AndTheOtherColumnsShowTheyTakeIt_AndADragThatGoesNowhereMovesNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Dragged");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);
        Assert.Equal("true", board.Find($".ld-kcard[data-lead-id='{lead}']").GetAttribute("draggable"));

        await board.Find($".ld-kcard[data-lead-id='{lead}']").DragStartAsync(new DragEventArgs());
        Assert.Contains("ld-kcard-dragging", board.Find($".ld-kcard[data-lead-id='{lead}']").ClassList);
        Assert.Equal([acme.SecondStageId.ToString()], board.FindAll("[data-cards].ld-drop-ok").Select(z => z.GetAttribute("data-stage-id")));

        await board.Find($".ld-kcard[data-lead-id='{lead}']").DragEndAsync(new DragEventArgs()); // given up outside the board
        await board.Find($"[data-cards][data-stage-id='{acme.SecondStageId}']").DropAsync(new DragEventArgs()); // a stray drop: nothing is dragged
        Assert.Empty(board.FindAll(".ld-kcard-dragging, .ld-drop-ok"));

        await DropAsync(board, lead, acme.FirstStageId); // back on its own column

        Assert.Equal([lead], CardsIn(board, acme.FirstStageId));
        Assert.Equal(["1", "0"], Texts(board, "[data-testid=column-count]"));
        Assert.Equal(acme.FirstStageId, await StageOfAsync(acme, lead));
        Assert.Empty(Snackbars(context));
        Assert.Empty(board.FindAll(".ld-kcard-dragging, .ld-drop-ok"));
    }

    [Fact]
    public async Task DroppingOnAStageThatAsksForDetails_OpensTheDialog_WhichSaysWhatIsMissingOrWrong_ThenMovesWithTheValue()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var lead = await TestData.LeadAsync(Fixture, acme, "Asked");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var board = await RenderBoardAsync(context);

        var drop = DropAsync(board, lead, acme.SecondStageId);
        dialogs.WaitForAssertion(() => Assert.Contains("Qualified asks for these details first.", dialogs.Markup, StringComparison.Ordinal));
        var toldOffBeforeTrying = dialogs.FindAll(".mud-input-error").Count;
        await Button(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("Qualified needs Budget.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(acme.FirstStageId, await StageOfAsync(acme, lead));
        await dialogs.Find("input[data-field=budget]").ChangeAsync(new ChangeEventArgs { Value = "lots" });
        await Button(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Equal("Budget must be a number, like 1500 or 1500.50.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Equal("lots", dialogs.Find("input[data-field=budget]").GetAttribute("value"));
        await dialogs.Find("input[data-field=budget]").ChangeAsync(new ChangeEventArgs { Value = "5000" });
        await Button(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        await drop;

        Assert.Empty(dialogs.FindAll("[data-testid=move-dialog]"));
        Assert.Equal(0, toldOffBeforeTrying);
        Assert.Equal(acme.SecondStageId, await StageOfAsync(acme, lead));
        Assert.Equal(["5000"], await QueryAsync(acme, db => db.LeadStageValues.Where(v => v.LeadId == lead).Select(v => v.Value).ToListAsync()));
        board.WaitForAssertion(() => Assert.Equal([lead], CardsIn(board, acme.SecondStageId)));
        Assert.Equal(["0", "1"], Texts(board, "[data-testid=column-count]"));
    }

    [Fact]
    public async Task CancellingTheDialog_PutsTheCardBack_AndMovesNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var lead = await TestData.LeadAsync(Fixture, acme, "Stayer", value: 3_000m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var board = await RenderBoardAsync(context);

        var drop = DropAsync(board, lead, acme.SecondStageId);
        dialogs.WaitForAssertion(() => Button(dialogs, "Cancel"));
        await Button(dialogs, "Cancel").ClickAsync(new MouseEventArgs());
        await drop;

        board.WaitForAssertion(() => Assert.Equal([lead], CardsIn(board, acme.FirstStageId)));
        Assert.Equal(["1", "0"], Texts(board, "[data-testid=column-count]"));
        Assert.Equal(["$3,000", "$0"], Texts(board, "[data-testid=column-value]"));
        Assert.Equal(acme.FirstStageId, await StageOfAsync(acme, lead));
    }

    [Fact]
    public async Task ADropTheServerRefuses_PutsTheCardBack_WithTheReason()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Closing");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);
        await UnannouncedAsync(acme, leads => leads.Where(l => l.Id == lead).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, LeadStatus.Disqualified)));

        await DropAsync(board, lead, acme.SecondStageId);

        Assert.Equal([lead], CardsIn(board, acme.FirstStageId));
        Assert.Equal(["1", "0"], Texts(board, "[data-testid=column-count]"));
        Assert.Equal("This lead is disqualified. Reopen it before moving it.", Snackbars(context).Single());
    }

    [Fact]
    public async Task DroppingALeadSomeoneDeleted_PutsTheCardBack_AndSaysItIsGone()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Gone");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);
        await UnannouncedAsync(acme, leads => leads.Where(l => l.Id == lead).ExecuteUpdateAsync(u => u.SetProperty(l => l.IsDeleted, true)));

        await DropAsync(board, lead, acme.SecondStageId);

        Assert.Equal([lead], CardsIn(board, acme.FirstStageId));
        Assert.StartsWith("Lead was not found. It may have been deleted", Snackbars(context).Single(), StringComparison.Ordinal);
        Assert.Equal(acme.FirstStageId, await StageOfAsync(acme, lead));
    }

    [Fact]
    public async Task MoveTo_IsTheKeyboardPath_ChooseAStageInTheDialog_AndTheCardMoves()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "reason", "Why now");
        var lead = await TestData.LeadAsync(Fixture, acme, "Keyed");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var board = await RenderBoardAsync(context);

        var opened = board.Find($".ld-kcard[data-lead-id='{lead}'] .ld-move-button").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));
        var current = dialogs.FindAll("input[type=radio]")[0];
        await Button(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        var unchosen = dialogs.Find("[data-testid=move-problem]").TextContent;
        await dialogs.FindAll("input[type=radio]")[1].ClickAsync(new MouseEventArgs());
        await dialogs.WaitForElementAsync("input[data-field=reason]");
        await dialogs.Find("input[data-field=reason]").ChangeAsync(new ChangeEventArgs { Value = "Budget approved" });
        await Button(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        await opened;

        Assert.True(current.HasAttribute("disabled"));
        Assert.Equal("Choose the stage to move this lead to.", unchosen);
        board.WaitForAssertion(() => Assert.Equal([lead], CardsIn(board, acme.SecondStageId)));
        Assert.Equal(acme.SecondStageId, await StageOfAsync(acme, lead));
        Assert.Equal("Keyed Tester moved to Qualified.", Snackbars(context).Single());
    }

    [Fact]
    public async Task AColumn_ShowsTheNewest50Cards_AndShowMoreAddsTheRest()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var leads = await TestData.ManyLeadsAsync(Fixture, acme, 55, acme.FirstStageId, value: 100m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);
        var first = CardsIn(board, acme.FirstStageId);
        var more = board.Find("section.ld-column .ld-more");
        var (text, name) = (more.TextContent.Trim(), more.GetAttribute("aria-label"));

        await board.Find("section.ld-column .ld-more").ClickAsync(new MouseEventArgs());

        board.WaitForAssertion(() => Assert.Equal(55, CardsIn(board, acme.FirstStageId).Count));
        Assert.Equal(50, first.Count);
        Assert.Equal("Show 5 more (5 left)", text);
        Assert.Equal("Show 5 more (5 left) in New", name);
        Assert.Equal(leads.Order(), CardsIn(board, acme.FirstStageId).Order());
        Assert.Empty(board.FindAll(".ld-more"));
        Assert.Equal(["55", "0"], Texts(board, "[data-testid=column-count]"));
    }

    /// <summary>Three open leads in the first stage (one high priority owned by the rep, two unassigned), one of them Zebedee.</summary>
    private async Task<(WorkspaceSeed Workspace, Guid Rep)> FilteredWorkspaceAsync() =>
        await database.ArrangedOnceAsync("board filters", async fixture =>
        {
            var acme = await TestData.NewWorkspaceAsync(fixture);
            var rep = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
            await TestData.LeadAsync(fixture, acme, "Mine", l =>
            {
                l.OwnerId = rep;
                l.Priority = LeadPriority.High;
            });
            await TestData.LeadAsync(fixture, acme, "Zebedee", l => l.Priority = LeadPriority.Low);
            await TestData.LeadAsync(fixture, acme, "Nobody", l => l.Priority = LeadPriority.Medium);
            return (acme, rep);
        });

    private static async Task<IRenderedComponent<BoardPage>> RenderBoardAsync(ComponentContext context)
    {
        var board = context.Render<BoardPage>();
        await board.WaitForElementAsync(".ld-board");
        return board;
    }

    /// <summary>Drags a card onto a column's cards as the browser does (dragstart on the card, drop on the column).</summary>
    private static async Task DropAsync(IRenderedComponent<BoardPage> board, Guid leadId, Guid stageId)
    {
        await board.Find($".ld-kcard[data-lead-id='{leadId}']").DragStartAsync(new DragEventArgs());
        await board.Find($"[data-cards][data-stage-id='{stageId}']").DropAsync(new DragEventArgs());
    }

    private static List<Guid> CardsIn(IRenderedComponent<BoardPage> board, Guid stageId) =>
        board.FindAll($"section.ld-column[data-stage-id='{stageId}'] .ld-kcard").Select(c => Guid.Parse(c.GetAttribute("data-lead-id")!)).ToList();

    private static List<string> Texts(IRenderedComponent<BoardPage> board, string selector) =>
        board.FindAll(selector).Select(e => e.TextContent.Trim()).ToList();

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static List<string> Snackbars(ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    private Task<Guid> StageOfAsync(WorkspaceSeed workspace, Guid leadId) =>
        QueryAsync(workspace, db => db.Leads.IgnoreQueryFilters().Where(l => l.Id == leadId).Select(l => l.StageId).SingleAsync());

    private async Task<T> QueryAsync<T>(WorkspaceSeed workspace, Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await query(scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>());
    }

    /// <summary>
    /// Someone else's change that this board has not heard of yet (saved past the interceptor, so no notice: as in the
    /// moment before a live refresh arrives).
    /// </summary>
    private async Task UnannouncedAsync(WorkspaceSeed workspace, Func<IQueryable<Lead>, Task<int>> change)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        Assert.Equal(1, await change(scope.Get<LeadDeskDbContext>().Leads));
    }
}
