using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The lead list in Brazilian Portuguese: its text, filters, empty states, bulk confirmations, and Brazilian formats.</summary>
public sealed partial class LeadListPageTests
{
    [Fact]
    public async Task InPortuguese_TheList_ItsColumnsAndTotal_AreInPortuguese_WithBrazilianMoneyAndDates()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        await TestData.LeadAsync(Fixture, acme, "Ana", l =>
        {
            l.LastName = "Souza";
            l.EstimatedValue = 12_500m;
            l.Backdate(new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc));
        });
        await TestData.LeadAsync(Fixture, acme, "Bruno", l =>
        {
            l.LastName = "Lima";
            l.EstimatedValue = 1_250_000.40m;
            l.Backdate(new DateTime(2026, 2, 3, 10, 0, 0, DateTimeKind.Utc));
        });
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);

        var page = await RenderListAsync(context, "/leads");

        Assert.Equal("Leads", page.Find("h1").TextContent.Trim());
        Assert.Contains("Encontre, filtre e trabalhe seus leads. Cada visualização é um link que você pode compartilhar.", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["Lixeira", "Novo lead"], page.FindAll(".ld-page-heading a").Select(a => a.TextContent.Trim()));
        Assert.Equal("2 leads · página 1 de 1", Total(page));
        Assert.Equal(["Nome", "Empresa", "Etapa", "Responsável", "Prioridade", "Pontuação", "Valor", "Criado em"],
            page.FindAll("[data-testid=lead-grid] thead th").Select(th => Squash(th.TextContent)).Where(text => text.Length > 0));
        Assert.Equal(["Ana Souza", "Bruno Lima"], Names(page));
        Assert.Equal(["R$ 12.500", "R$ 1.250.000"], Column(page, "Valor").Select(Spaces));
        Assert.Equal(["28 de nov. de 2026", "3 de fev. de 2026"], Column(page, "Criado em"));
        Assert.Equal(["Sem responsável", "Sem responsável"], Column(page, "Responsável"));
    }

    [Fact]
    public async Task InPortuguese_TheFilters_AreLabelledInPortuguese_AndChoosingOne_FiltersTheList()
    {
        using var culture = TestCulture.Portuguese();
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var page = await RenderListAsync(context, "/leads?scoreMin=0");

        var labels = page.FindAll(".ld-filter-bar label").Select(l => l.TextContent.Trim()).Where(text => text.Length > 0).ToList();
        var filterButtons = page.FindAll(".ld-filter-bar button").Select(b => b.TextContent.Trim()).Where(text => text.Length > 0).ToList();
        var anyone = page.Find("[data-filter=owner]").TextContent.Trim();
        await page.Find("[data-filter=owner]").Closest(".mud-input-control")!.MouseDownAsync(new MouseEventArgs());
        IElement Item(string text) => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == text);
        popovers.WaitForAssertion(() => Item("Sem responsável"), Patience);
        var owners = popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        await Item("Sem responsável").ClickAsync(new MouseEventArgs());

        Assert.Equal(["Buscar", "Etapa", "Responsável", "Status", "Prioridade", "Origem", "Pontuação de", "Pontuação até", "Criado a partir de", "Criado até"], labels);
        Assert.Equal("Nome, e-mail, empresa ou telefone", page.Find("input[data-filter=q]").GetAttribute("placeholder"));
        Assert.Equal(["Mais filtros", "Limpar filtros"], filterButtons);
        Assert.Equal("Qualquer um", anyone);
        Assert.Equal(["Qualquer um", "Eu", "Sem responsável"], owners.Take(3));
        Wait(page, () => Assert.Equal(["Charlie Miller", "Delta Brown", "Golf Evans", "Hotel O'Brien"], Names(page)));
        Assert.Equal("4 leads · página 1 de 1", Total(page));
        Assert.Equal("http://localhost/leads?owner=none&scoreMin=0", Url(context)); // the URL stays language-neutral
        Assert.Equal("Filtrar leads", page.Find("[role=search]").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData("/leads", "Nenhum lead ainda", "Crie o primeiro com Novo lead ou envie leads pela API.")]
    [InlineData("/leads?q=nobody", "Nenhum lead corresponde a estes filtros", "Tente uma busca mais curta ou limpe alguns filtros.")]
    [InlineData("/leads?view=trash", "A lixeira está vazia", "Os leads excluídos aparecem aqui e podem ser restaurados.")]
    public async Task InPortuguese_AnEmptyList_SaysWhatToDoNext(string url, string title, string hint)
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);

        var page = await RenderListAsync(context, url);

        Assert.Equal("0 leads", Total(page));
        Wait(page, () => Assert.Equal(title, page.Find("[data-testid=no-leads] h2").TextContent.Trim()));
        Assert.Equal(hint, page.Find("[data-testid=no-leads] p").TextContent.Trim());
    }

    [Fact]
    public async Task InPortuguese_TheTrash_IsRefusedToASalesRepInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/leads?view=trash");

        var page = context.Render<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal("Só gerentes e administradores podem abrir a lixeira.", page.Find(".mud-alert").TextContent.Trim()), Patience);
        Assert.Equal("Lixeira", page.Find("h1").TextContent.Trim());
        Assert.Equal("Voltar aos leads", page.Find(".ld-page-heading a").TextContent.Trim());
    }

    [Fact]
    public async Task InPortuguese_BulkActions_AskAndAnswerInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var owned = await TestData.LeadAsync(Fixture, acme, "Owned", ownerId: sam);
        var free = await TestData.LeadAsync(Fixture, acme, "Free");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, owned);
        var one = page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim();
        await SelectAsync(page, free);
        var two = page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim();
        var buttons = BulkButtons(page);
        var group = page.Find("[data-testid=bulk-actions]").GetAttribute("aria-label");
        var cancelling = await ChooseAsync(page, popovers, "Atribuir a", "sam");
        var assignQuestion = await AnswerInPortugueseAsync(dialogs, "Cancelar");
        await cancelling;
        var unassigning = await ChooseAsync(page, popovers, "Atribuir a", "Ninguém (remover o responsável)");
        await AnswerInPortugueseAsync(dialogs, "Aplicar");
        await unassigning;
        AssertNothingSelected(page, "2 leads · página 1 de 1");
        // Found and used in one dispatch: the change just made re-renders the rows again (live refresh) at any moment.
        await page.InvokeAsync(() => SelectAsync(page, owned));
        await page.InvokeAsync(() => SelectAsync(page, free));
        var deleting = page.InvokeAsync(() => BulkButton(page, "Excluir").ClickAsync(new MouseEventArgs()));
        var deleteQuestion = await AnswerInPortugueseAsync(dialogs, "Aplicar");
        await deleting;

        Assert.Equal(("1 lead selecionado", "2 leads selecionados"), (one, two));
        Assert.Equal(["Atribuir a", "Definir prioridade", "Mover para a etapa", "Excluir"], buttons);
        Assert.Equal("Ações em massa", group);
        Assert.Contains("Atribuir a sam: 2 leads.", assignQuestion, StringComparison.Ordinal);
        Assert.Contains("Mover para a lixeira: 2 leads.", deleteQuestion, StringComparison.Ordinal);
        Assert.Equal(["1 lead atualizado (1 sem alteração: já como pedido ou não visível para você).", "2 leads movidos para a lixeira."],
            Snackbars(context, Severity.Success));
        Wait(page, () => Assert.Equal("Nenhum lead ainda", page.Find("[data-testid=no-leads] h2").TextContent.Trim()));
    }

    /// <summary>Waits for the Portuguese confirmation, clicks <paramref name="button"/>, and returns what it asked.</summary>
    private static async Task<string> AnswerInPortugueseAsync(IRenderedComponent<MudDialogProvider> dialogs, string button)
    {
        dialogs.WaitForAssertion(() => Assert.Contains("Alterar os leads selecionados?", dialogs.Markup, StringComparison.Ordinal), Patience);
        var question = Squash(dialogs.Find(".mud-dialog").TextContent);
        Assert.Equal(["Cancelar", "Aplicar"], dialogs.FindAll(".mud-dialog button").Select(b => b.TextContent.Trim()).Where(text => text.Length > 0));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Patience);
        return question;
    }

    /// <summary>Brazilian money has a no-break space after the symbol.</summary>
    private static string Spaces(string text) => text.Replace('\u00a0', ' ');
}
