using Bunit;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The lead page for a Brazilian reader: its header, actions and dialogs in Portuguese, money in reais, dates the Brazilian way.</summary>
public sealed class LeadPagePortugueseTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheHeader_AndTheTabs_ReadInPortuguese_WithTheValueInReais()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "Gerente Gil", WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Ana", value: 12_500m, secondStage: true);
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);

        var page = await RenderAsync(context, lead);

        Assert.Equal(["Visão geral", "Notas", "Atividades", "Equipe", "Produtos", "Histórico", "Documentos"],
            page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Equal(["Responsável", "Pontuação", "Valor", "Prioridade", "E-mail", "Telefone"], page.FindAll(".ld-facts dt").Select(d => d.TextContent.Trim()));
        Assert.Equal("R$ 12.500", Spaces(page.Find("[data-testid=lead-value]").TextContent));
        Assert.Equal("Sem responsável", page.Find("[data-testid=lead-owner]").TextContent.Trim());
        Assert.Equal("Etapas de Sales", page.Find(".ld-stage-path").GetAttribute("aria-label"));
        Assert.Equal(["Mover para…", "Desqualificar…", "Excluir"], page.FindAll(".ld-lead-actions button").Select(b => b.TextContent.Trim()));
        Assert.Equal("Ana Tester", page.Find("h1").TextContent.Trim()); // data stays as typed
    }

    [Fact]
    public async Task Disqualifying_InPortuguese_AsksForAReason_OffersThemTranslated_AndTheHeaderDatesItTheBrazilianWay()
    {
        using var culture = TestCulture.Portuguese();
        Fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 14, 5, 0, TimeSpan.Zero));
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Bia", ownerId: rep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var (dialogs, popovers) = (context.Render<MudDialogProvider>(), context.Render<MudPopoverProvider>());
        var page = await RenderAsync(context, lead);

        var answered = page.Find("button[data-action=disqualify]").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Equal("Desqualificar Bia Tester", dialogs.Find(".mud-dialog-title h2").TextContent.Trim()));
        Assert.Equal(["Cancelar", "Desqualificar lead"], dialogs.FindAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim()));
        Assert.Equal(["Motivo", "Notas"], dialogs.FindAll("[data-testid=disqualify-dialog] label").Select(l => l.TextContent.Trim()).Where(l => l.Length > 0));
        await DialogButton(dialogs, "Desqualificar lead").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-helper-text.mud-input-error"))); // refused beside the reason

        await dialogs.Find("[data-testid=disqualify-dialog] .mud-select .mud-input-control-input-container").MouseDownAsync(new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.Equal(
            ["Sem orçamento", "Sem necessidade", "Escolheu um concorrente", "Momento inadequado", "Sem resposta", "Duplicado", "Outro"],
            popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Sem resposta").ClickAsync(new MouseEventArgs());
        await DialogButton(dialogs, "Desqualificar lead").ClickAsync(new MouseEventArgs());
        await answered;

        page.WaitForAssertion(() => Assert.Equal(["Reabrir"], page.FindAll(".ld-lead-actions button").Select(b => b.TextContent.Trim())));
        Assert.Equal("Desqualificado em 28 de nov. de 2026: Sem resposta", page.Find("[data-testid=disqualified]").TextContent.Trim());
        Assert.Contains("Lead Bia Tester desqualificado.", Snackbars(context));
    }

    [Fact]
    public async Task MovingToTheTrash_AsksInPortuguese_AndTheTrashBannerDatesItTheBrazilianWay()
    {
        using var culture = TestCulture.Portuguese();
        Fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 14, 5, 0, TimeSpan.Zero));
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "manager", WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Caio");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await RenderAsync(context, lead);

        var answered = page.Find("button[data-action=delete]").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("O lead Caio Tester vai para a lixeira. Ele pode ser restaurado de lá.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Mover para a lixeira?", dialogs.Markup, StringComparison.Ordinal);
        await DialogButton(dialogs, "Mover para a lixeira").ClickAsync(new MouseEventArgs());
        await answered;
        Assert.Contains("Lead Caio Tester movido para a lixeira.", Snackbars(context));

        var trashed = await RenderAsync(context, lead);
        Assert.Equal("Este lead está na lixeira (excluído em 28 de nov. de 2026, 14:05 UTC).", trashed.Find("[data-testid=in-trash] span").TextContent.Trim());
        Assert.Equal("Restaurar", trashed.Find("button[data-action=restore]").TextContent.Trim());
    }

    [Fact]
    public async Task ALeadThatIsNotHere_SaysSoInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var page = Render(context, Guid.NewGuid());

        page.WaitForAssertion(() => Assert.Contains("Este lead não está aqui", page.Find("[data-testid=lead-missing]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Voltar aos leads", page.Find("[data-testid=lead-missing]").TextContent, StringComparison.Ordinal);
    }

    private static IRenderedComponent<LeadPage> Render(ComponentContext context, Guid leadId)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads/{leadId}");
        return context.Render<LeadPage>(p => p.Add(c => c.Id, leadId));
    }

    private static Task<IRenderedComponent<LeadPage>> RenderAsync(ComponentContext context, Guid leadId)
    {
        var page = Render(context, leadId);
        page.WaitForAssertion(() => page.Find(".ld-lead-header h1"));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear"))); // the open tab has loaded
        return Task.FromResult(page);
    }

    private static AngleSharp.Dom.IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static List<string> Snackbars(ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    /// <summary>The text with the currency format's no-break space as a plain one.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Trim();
}
