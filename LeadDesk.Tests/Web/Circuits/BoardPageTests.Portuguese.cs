using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Circuits.LeadTabs;
using LeadDesk.Web.Components.Pages.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The board for someone who reads Portuguese, in a workspace that counts in reais.</summary>
public sealed partial class BoardPageTests
{
    [Fact]
    public async Task TheBoard_InPortuguese_CountsInItsDigits_AndShowsValuesInReais()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Ana", value: 1_500m);
        await TestData.LeadAsync(Fixture, acme, "Bruno", value: 11_000m);
        await TestData.LeadAsync(Fixture, acme, "Carla", value: 950m, secondStage: true);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var board = await RenderBoardAsync(context);

        Assert.Equal("Quadro", board.Find("h1").TextContent.Trim());
        Assert.Contains("Arraste um cartão para mover o lead, ou use o botão “Mover para…” do cartão.", board.Markup, StringComparison.Ordinal);
        Assert.Equal("Novo lead", board.Find("a[href='/leads/new']").TextContent.Trim());
        Assert.Equal("Filtrar o quadro", board.Find("[role=search]").GetAttribute("aria-label"));
        Assert.Equal(["2", "1"], Read(board, "[data-testid=column-count]"));
        Assert.Equal(["R$ 12,5 mil", "R$ 950"], Read(board, "[data-testid=column-value]"));
        Assert.Equal(["2 leads, somando R$ 12,5 mil", "1 lead, somando R$ 950"], Read(board, ".ld-column-figures .ld-visually-hidden"));
        Assert.Equal($"Leads em New", board.Find($"[data-cards][data-stage-id='{acme.FirstStageId}']").GetAttribute("aria-label"));
        var card = board.Find($".ld-kcard[data-lead-id='{lead}']");
        Assert.Equal("R$ 1.500", Text(card.QuerySelector(".ld-kcard-value")!));
        Assert.Equal("Média", Text(card.QuerySelector(".ld-priority")!));
        Assert.Equal("Pontuação", card.QuerySelector(".ld-score")!.GetAttribute("title"));
        Assert.Equal("Sem responsável", card.QuerySelector(".ld-avatar")!.GetAttribute("title"));
        Assert.Equal("Mover para…", Text(card.QuerySelector(".ld-move-button")!));
        Assert.Equal("Mover Ana Tester para…", card.QuerySelector(".ld-move-button")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ShowMore_InPortuguese_SaysHowManyAreLeft_InTheSingularAndThePlural()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.ManyLeadsAsync(Fixture, acme, 55, acme.FirstStageId, value: 100m);
        await TestData.ManyLeadsAsync(Fixture, acme, 51, acme.SecondStageId, value: 1_000m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var board = await RenderBoardAsync(context);

        var more = board.FindAll(".ld-more");
        Assert.Equal(["Mostrar mais 5 (restam 5)", "Mostrar mais 1 (resta 1)"], more.Select(Text));
        Assert.Equal(["Mostrar mais 5 (restam 5) em New", "Mostrar mais 1 (resta 1) em Qualified"], more.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(["R$ 5.500", "R$ 51 mil"], Read(board, "[data-testid=column-value]"));
    }

    [Fact]
    public async Task TheMoveDialog_InPortuguese_AsksForTheStage_ThenMovesTheLead()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Keyed");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var board = await RenderBoardAsync(context);

        var opened = board.Find($".ld-kcard[data-lead-id='{lead}'] .ld-move-button").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));
        var title = Text(dialogs.Find(".mud-dialog-title h2"));
        var group = dialogs.Find("[role=radiogroup]").GetAttribute("aria-label");
        var choices = dialogs.FindAll(".mud-radio").Select(Text).ToList();
        var buttons = dialogs.FindAll(".mud-dialog-actions button").Select(Text).ToList();
        await Button(dialogs, "Mover lead").ClickAsync(new MouseEventArgs());
        var unchosen = Text(dialogs.Find("[data-testid=move-problem]"));
        await dialogs.FindAll("input[type=radio]")[1].ClickAsync(new MouseEventArgs());
        await Button(dialogs, "Mover lead").ClickAsync(new MouseEventArgs());
        await opened;

        Assert.Equal("Mover Keyed Tester", title);
        Assert.Equal(["New (atual)", "Qualified"], choices);
        Assert.Equal("Mover para", group);
        Assert.Equal(["Cancelar", "Mover lead"], buttons);
        Assert.Equal("Escolha a etapa para onde mover este lead.", unchosen);
        board.WaitForAssertion(() => Assert.Equal(["0", "1"], Read(board, "[data-testid=column-count]")));
        Assert.Equal(["Lead Keyed Tester movido para Qualified."], Read(Snackbars(context)));
    }

    [Fact]
    public async Task DroppingOnAStageThatAsksForDetails_InPortuguese_SaysSo_AndOffersYesOrNo()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "signed", "Contrato assinado", StageFieldType.Boolean);
        var lead = await TestData.LeadAsync(Fixture, acme, "Asked");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var popovers = context.Render<MudPopoverProvider>();
        var board = await RenderBoardAsync(context);

        var drop = DropAsync(board, lead, acme.SecondStageId);
        dialogs.WaitForAssertion(() => Assert.Contains("A etapa Qualified pede estes detalhes antes.", dialogs.Markup, StringComparison.Ordinal));
        dialogs.WaitForElement("[data-field=signed]"); // the stage's fields render after the dialog's text (slower on PostgreSQL)
        var title = Text(dialogs.Find(".mud-dialog-title h2"));
        await dialogs.Find("[data-field=signed]").Closest(".mud-select")!.MouseDownAsync(new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        var options = popovers.FindAll(".mud-list-item").Select(Text).ToList();
        await Button(dialogs, "Cancelar").ClickAsync(new MouseEventArgs());
        await drop;

        Assert.Equal("Mover Asked Tester para Qualified", title);
        Assert.Equal(["Sim", "Não"], options);
        board.WaitForAssertion(() => Assert.Equal(["1", "0"], Read(board, "[data-testid=column-count]")));
    }

    [Fact]
    public async Task ANumberTypedTheBrazilianWay_IsStoredAsThatNumber()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "budget", "Orçamento", StageFieldType.Number);
        var lead = await TestData.LeadAsync(Fixture, acme, "Asked");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var board = await RenderBoardAsync(context);

        var drop = DropAsync(board, lead, acme.SecondStageId);
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input[data-field=budget]")));
        await dialogs.Find("input[data-field=budget]").ChangeAsync(new ChangeEventArgs { Value = "1.500,50" });
        dialogs.WaitForAssertion(() => Assert.Equal("1500,50", dialogs.Find("input[data-field=budget]").GetAttribute("value")));
        await Button(dialogs, "Mover lead").ClickAsync(new MouseEventArgs());
        await drop;

        Assert.Equal(["1500.50"], await QueryAsync(acme, db => db.LeadStageValues.Where(v => v.LeadId == lead).Select(v => v.Value).ToListAsync()));
    }

    [Fact]
    public async Task ARefusal_InPortuguese_PutsTheCardBack_WithTheReason()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var gone = await TestData.LeadAsync(Fixture, acme, "Gone");
        var kept = await TestData.LeadAsync(Fixture, acme, "Kept");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var board = await RenderBoardAsync(context);
        await UnannouncedAsync(acme, leads => leads.Where(l => l.Id == gone).ExecuteUpdateAsync(u => u.SetProperty(l => l.IsDeleted, true)));

        await DropAsync(board, gone, acme.SecondStageId);
        await Fixture.RemoveMemberAsync(acme, rep);
        await DropAsync(board, kept, acme.SecondStageId);

        var (deleted, removed) = (Read(Snackbars(context))[0], Read(Snackbars(context))[1]);
        Assert.EndsWith(" Talvez tenha sido excluído, ou não esteja mais visível para você.", deleted, StringComparison.Ordinal);
        Assert.Equal("Você não é mais membro deste espaço de trabalho.", removed);
        Assert.Equal([gone, kept], CardsIn(board, acme.FirstStageId).Order());
        Assert.Equal(["2", "0"], Read(board, "[data-testid=column-count]"));
    }

    /// <summary>Texts as read: spaces collapsed, the no-break space of "R$ 950" as a space.</summary>
    private static List<string> Read(IEnumerable<string> texts) =>
        texts.Select(text => string.Join(' ', text.Replace('\u00a0', ' ').Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))).ToList();

    private static List<string> Read(IRenderedComponent<BoardPage> board, string selector) => Read(Texts(board, selector));

    private static string Text(IElement element) => Read([element.TextContent])[0];
}
