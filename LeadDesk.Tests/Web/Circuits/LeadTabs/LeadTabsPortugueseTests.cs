using Bunit;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>
/// The lead page's tabs for a Brazilian reader: their text in Portuguese, what the system wrote on the timeline and in the
/// history said in Portuguese too (what people typed stays as typed), money in reais and dates the Brazilian way.
/// </summary>
public sealed class LeadTabsPortugueseTests(DocumentsDatabase database) : IClassFixture<DocumentsDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 5, 0, TimeSpan.Zero);

    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheTimeline_SaysWhatTheSystemRecordedInPortuguese_AndKeepsWhatPeopleTyped()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, rep, WorkspaceRole.SalesRep))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId);
            Fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // a minute apart, so the timeline's order is certain
            await scope.Get<NoteService>().AddAsync(lead, "Ligou de volta.");
            await scope.Get<ActivityService>().LogAsync(lead, new LogActivity(ActivityType.Call, "Intro call", null, Now.UtcDateTime.AddHours(-1)));
            Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await scope.Get<LeadService>().DisqualifyAsync(lead, "unresponsive", null);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ActivitiesTab>(lead);

        Assert.Equal(["Desqualificado: Sem resposta", "Nota adicionada", "Movido de New para Qualified", "Intro call"],
            tab.FindAll(".ld-timeline-item strong").Select(s => s.TextContent.Trim()));
        Assert.Equal("Ligou de volta.", tab.Find("li[data-activity-type=Note] .ld-timeline-details").TextContent.Trim());
        Assert.Matches(@"^28 de nov\. de 2026, 14:\d\d UTC$", tab.Find("li[data-activity-type=Disqualified] time").TextContent.Trim());
        Assert.Equal("Registrar uma ligação, um e-mail ou uma reunião", tab.Find("h2").TextContent.Trim());
        Assert.True(tab.HasButton("Registrar atividade"));
    }

    [Fact]
    public async Task LoggingACall_InPortuguese_OffersTheTypesInPortuguese_AndSaysItWasLogged()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<ActivitiesTab>(lead);
        Assert.Equal("Nada aconteceu neste lead ainda. Registre acima a primeira ligação, e-mail ou reunião.", tab.Find("[data-testid=tab-empty]").TextContent.Trim());

        await tab.Find("[data-testid=activity-type]").Closest(".mud-select")!.MouseDownAsync(new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.Equal(["Ligação", "E-mail", "Reunião"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Reunião").ClickAsync();
        Assert.Equal("Reunião", tab.Find("input[data-testid=activity-type]").GetAttribute("value"));
        await tab.Find("input[data-testid=activity-title]").ChangeAsync(new ChangeEventArgs { Value = "Apresentação" });
        await tab.Button("Registrar atividade").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("Apresentação", tab.Find("li[data-activity-type=Meeting] strong").TextContent.Trim()));
        Assert.Equal(["Reunião registrada."], context.Snackbars());
    }

    [Fact]
    public async Task TheHistory_NamesTheFieldsInPortuguese_WithTheValueInReais()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, rep, WorkspaceRole.SalesRep))
        {
            var leads = scope.Get<LeadService>();
            var current = await leads.GetAsync(lead);
            await leads.UpdateAsync(lead, new LeadInput
            {
                FirstName = current.FirstName, LastName = current.LastName, Email = current.Email, OwnerId = rep,
                Company = "Padaria Pão Quente", Title = "Sócia", EstimatedValue = 7_500m, Priority = current.Priority,
            }, current.Version);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<HistoryTab>(lead);

        Assert.Equal(["Quando", "Quem", "Campo", "Antes", "Depois"], tab.FindAll(".ld-history th").Select(h => h.TextContent.Trim()));
        var rows = tab.FindAll(".ld-history tbody tr").ToDictionary(
            r => r.QuerySelector("[data-testid=history-field]")!.TextContent.Trim(),
            r => r.QuerySelectorAll("td").Skip(3).Select(c => NoBreak(c.TextContent)).ToList());
        Assert.Equal(["R$ 5.000", "R$ 7.500"], rows["Valor estimado"]);
        Assert.Equal(["—", "Padaria Pão Quente"], rows["Empresa"]);
        Assert.Equal(["—", "Sócia"], rows["Cargo"]);
        Assert.StartsWith("28 de nov. de 2026", tab.Find(".ld-history tbody time").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Products_AreTypedAndShownInBrazilianNumbers_AndTheTotalInReais()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await TestData.ProductAsync(Fixture, acme, "Painel solar", 1_200m);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<ProductsTab>(lead);
        Assert.Equal("Nenhum produto neste lead ainda. Adicione abaixo os produtos de interesse.", tab.Find("[data-testid=tab-empty]").TextContent.Trim());

        await tab.Find("[data-testid=product-choice]").Closest(".mud-select")!.MouseDownAsync(new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.Equal(["Painel solar (R$ 1.200)"], popovers.FindAll(".mud-list-item").Select(i => NoBreak(i.TextContent))));
        await popovers.Find(".mud-list-item").ClickAsync();
        await tab.Find("input[data-testid=add-quantity]").ChangeAsync(new ChangeEventArgs { Value = "1,5" });
        await tab.Find("input[data-testid=add-price]").ChangeAsync(new ChangeEventArgs { Value = "R$ 1.000,50" });
        await tab.Button("Adicionar produto").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("R$ 1.500,75", NoBreak(tab.Find("[data-testid=products-total]").TextContent)));
        Assert.Equal(["Produto", "Quantidade", "Preço unitário", "Desconto", "Total", "Ações"], tab.FindAll(".ld-products thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal("1,5", tab.Find(".ld-products tbody td[data-label=Quantidade]").TextContent.Trim());
        var saved = await Fixture.QueryAsync(acme, db => db.LeadProducts.Where(p => p.LeadId == lead).Select(p => new { p.Quantity, p.UnitPrice }).SingleAsync());
        Assert.Equal((1.5m, 1_000.5m), (saved.Quantity, saved.UnitPrice));
        Assert.Equal(["Produto adicionado."], context.Snackbars());
        Assert.Equal("O valor estimado do lead é definido manualmente (R$ 5.000). Marque “Acompanhar o total dos produtos” na Visão geral para usar este total.",
            NoBreak(tab.Find("[data-testid=value-source]").TextContent));
    }

    [Fact]
    public async Task ATooLargeDocument_IsRefusedInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);
        Assert.Equal("Nenhum documento ainda: propostas, contratos e anotações de ligações ficam aqui. Anexe um acima.", tab.Find("[data-testid=tab-empty]").TextContent.Trim());
        Assert.True(tab.HasButton("Anexar um arquivo"));

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[LeadDocument.MaxSizeBytes + 1], "enorme.zip"));

        tab.WaitForAssertion(() => Assert.Equal("enorme.zip tem mais de 10 MB, o máximo para um documento. Nada foi enviado.", tab.Find("[data-testid=upload-problem]").TextContent.Trim()));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
    }

    [Fact]
    public async Task DeletingANote_AsksInPortuguese_AndCancelKeepsIt()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, rep, WorkspaceRole.SalesRep))
        {
            await scope.Get<NoteService>().AddAsync(lead, "Fica comigo.");
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<NotesTab>(lead);
        Assert.Equal(["Editar", "Excluir"], tab.FindAll(".ld-note-actions button").Select(b => b.TextContent.Trim()));

        var asked = tab.Find("button[data-action=delete]").ClickAsync();
        dialogs.WaitForAssertion(() => Assert.Contains("Excluir esta nota? Isso não pode ser desfeito.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Tem certeza?", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.Button("Cancelar").ClickAsync();
        await asked;

        Assert.Equal(1, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.LeadId == lead)));
        Assert.Empty(context.Snackbars());
    }

    /// <summary>The text with the currency format's no-break spaces as plain ones.</summary>
    private static string NoBreak(string text) => text.Replace('\u00A0', ' ').Trim();

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        if (Fixture.Clock.GetUtcNow() < Now)
        {
            Fixture.Clock.SetUtcNow(Now); // on 28 November 2026 (a test moves it on a few minutes)
        }
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        return (acme, rep, await TestData.LeadAsync(Fixture, acme, "Rosa", value: 5_000m, ownerId: rep));
    }
}
