using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The new-lead page in Brazilian Portuguese: its labels, an amount typed the Brazilian way, the page's own refusals, the duplicate warning.</summary>
public sealed partial class NewLeadPageTests
{
    [Fact]
    public async Task InPortuguese_TheFormIsLabelledInPortuguese_WithTheWorkspacesCurrency()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await UseCurrencyAsync(acme, "BRL");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await page.Find("[data-testid=add-custom-field]").ClickAsync(new MouseEventArgs());

        Assert.Equal("Novo lead", page.Find("h1").TextContent.Trim());
        Assert.Equal("Basta um nome e um e-mail ou telefone; o resto pode vir depois.", page.Find(".ld-page-heading .mud-text-secondary").TextContent.Trim());
        Assert.Equal(["Leads", "Novo"], page.FindAll(".mud-breadcrumb-item").Select(i => i.TextContent.Trim()));
        Assert.Equal(["Contato", "Negócio", "Campos personalizados"], page.FindAll("h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Nome", "Sobrenome", "E-mail", "Telefone", "Empresa", "Cargo", "Etapa", "Responsável", "Prioridade", "Origem", "Valor estimado (BRL)", "Descrição"],
            page.FindAll(".ld-lead-form .mud-grid label").Select(l => l.TextContent.Trim()).Where(text => text.Length > 0));
        Assert.Contains("Com o código do país, ou como se disca no país do espaço de trabalho.", page.Markup, StringComparison.Ordinal);
        Assert.Equal("25.000,50", Input(page, "lead-value").GetAttribute("placeholder"));
        Assert.Contains("como <code>utm_source</code> ou <code>company_size</code>.", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Nome do campo personalizado 1", page.Find("input[data-custom-field=key]").GetAttribute("aria-label"));
        Assert.Equal("Valor do campo personalizado 1", page.Find("input[data-custom-field=value]").GetAttribute("aria-label"));
        Assert.Equal("Remover o campo personalizado 1", page.Find("[data-testid=remove-custom-field]").GetAttribute("aria-label"));
        Assert.Equal(["Adicionar um campo", "Criar lead", "Cancelar"],
            page.FindAll(".ld-lead-form button, .ld-lead-form a.mud-button").Select(b => b.TextContent.Trim()).Where(text => text.Length > 0));
        Assert.Equal("Novo lead", page.Find("form").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData("R$ 25.000,50", "25000.50")]
    [InlineData("25000,5", "25000.5")]
    [InlineData("1.250.000", "1250000")]
    public async Task InPortuguese_AnAmountTypedTheBrazilianWay_IsRead_AndTheLeadIsCreated(string typed, string expected)
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Ana");
        await TypeAsync(page, "lead-last", "Souza");
        await TypeAsync(page, "lead-email", "ana.souza@example.com.br");
        await ChangeAsync(page, "lead-value", typed);
        await CreateAsync(page);

        var lead = await LeadAsync(acme, await WaitForLeadPageAsync(context));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), lead.EstimatedValue);
        Assert.Contains("Lead Ana Souza criado.", Snackbars(context));
    }

    [Theory]
    [InlineData("muito")]
    [InlineData("1500.50")] // a decimal point typed the English way is refused, never read as 150050
    [InlineData("25,000.50")]
    public async Task InPortuguese_AnAmountThatDoesNotRead_IsRefusedInPortuguese_KeepingWhatWasTyped(string typed)
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Ana");
        await TypeAsync(page, "lead-email", "ana@example.com.br");
        await ChangeAsync(page, "lead-value", typed);
        await CreateAsync(page);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=form-errors]")), Patience);
        Assert.Equal("O lead ainda não foi criado. Corrija:", page.Find("[data-testid=form-errors] h6, [data-testid=form-errors] .mud-typography-subtitle2").TextContent.Trim());
        Assert.Equal(["Informe um valor, como 25000 ou 25.000,50."], page.FindAll("[data-testid=form-errors] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Informe um valor, como 25000 ou 25.000,50.", ErrorOf(page, "lead-value"));
        Assert.Equal(typed, Input(page, "lead-value").GetAttribute("value"));
        Assert.Equal("Ana", Input(page, "lead-first").GetAttribute("value"));
        Assert.Equal(0, await CountAsync(acme));
    }

    [Fact]
    public async Task InPortuguese_TheDuplicateWarning_TellsTheMatchInPortuguese_WithTheTick()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var existing = await TestData.LeadAsync(Fixture, acme, "Known", l =>
        {
            l.Company = "Known Co";
            l.OwnerId = rep;
        });
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-email", "known@example.com");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=duplicate-warning] a[href='/leads/{existing}']")), Patience);
        var warning = Squash(page.Find("[data-testid=duplicate-warning]").TextContent);
        Assert.Contains("Parece um lead que você já tem", warning, StringComparison.Ordinal);
        Assert.Contains("Known Tester na empresa Known Co · mesmo e-mail · responsável: salesrep", warning, StringComparison.Ordinal);
        Assert.Equal("Criar mesmo assim: é um lead diferente", Squash(page.Find("[data-testid=create-duplicate]").Closest("label")!.TextContent));
    }

    [Fact]
    public async Task InPortuguese_APossibleDuplicate_AndALeadTheRepCannotSee_AreToldInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var other = await TestData.MemberAsync(Fixture, acme, "other", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(Fixture, acme, "Hidden", ownerId: other);
        await TestData.LeadAsync(Fixture, acme, "Grace", l =>
        {
            l.Company = "Navy";
            l.OwnerId = rep;
        });
        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context);

        await TypeAsync(page, "lead-first", "Grace");
        await TypeAsync(page, "lead-last", "Tester");
        await TypeAsync(page, "lead-company", "Navy");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=duplicate-warning]")), Patience);
        var possible = Squash(page.Find("[data-testid=duplicate-warning]").TextContent);
        await TypeAsync(page, "lead-email", "hidden@example.com");
        page.WaitForAssertion(() => Assert.Contains("Parece um lead", page.Find("[data-testid=duplicate-warning]").TextContent, StringComparison.Ordinal), Patience);
        var hidden = Squash(page.Find("[data-testid=duplicate-warning]").TextContent);

        Assert.Contains("Possível duplicado (mesmo nome e empresa)", possible, StringComparison.Ordinal);
        Assert.Contains("Grace Tester na empresa Navy · mesmo nome e empresa · responsável: salesrep", possible, StringComparison.Ordinal);
        Assert.Contains("Um lead que você não pode abrir (mesmo e-mail, responsável: other). Fale com um gerente antes de criar outro.", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", hidden, StringComparison.Ordinal);
    }

    private async Task UseCurrencyAsync(WorkspaceSeed workspace, string currency)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        await scope.Get<LeadDeskDbContext>().Workspaces.Where(w => w.Id == workspace.WorkspaceId)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.Currency, currency));
    }
}
