using Bunit;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>The settings pages for a Brazilian admin: their headings, forms, refusals and answers in Portuguese, numbers and dates in Brazil's formats.</summary>
public sealed class SettingsInPortugueseTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task General_IsInPortuguese_AndARetentionOutOfRangeIsRefusedBesideTheField()
    {
        using var culture = TestCulture.Portuguese();
        var (_, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<SettingsPage>(context);

        Assert.Equal("Configurações", page.Find("h1").TextContent.Trim());
        Assert.Equal(["Geral", "Funis e etapas", "Tokens de API", "Formulários web", "Webhooks", "Registro de configurações"], page.FindAll("[aria-label=Configurações] a.mud-nav-link").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Membros", "Quem vê quais leads", "Telefones", "Lixeira", "Dados apagados"], page.FindAll(".ld-settings-card h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Nome", "E-mail", "Função"], page.FindAll("[data-testid=members] th").Select(th => th.TextContent.Trim()));
        Assert.Contains("Todos veem todos os leads", page.Find("[data-section=visibility]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nenhum dado foi apagado. O apagamento começa na página do lead.", page.Find("[data-testid=erasures-empty]").TextContent.Trim());
        var trash = page.Find("[data-section=trash]");
        Assert.Contains("Manter leads excluídos por (dias)", trash.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 a 3.650", trash.TextContent, StringComparison.Ordinal);
        Assert.Equal("Salvar", trash.QuerySelector("button[type=submit]")!.TextContent.Trim());

        await TypeAsync(page, "input[data-testid=trash-retention-days]", "0");
        await trash.QuerySelector("button[type=submit]")!.ClickAsync(new MouseEventArgs());

        // The refusal's words are Core's; its number is in Brazil's format either way.
        page.WaitForAssertion(() => Assert.Contains("3.650", FieldError(page, "input[data-testid=trash-retention-days]"), StringComparison.Ordinal), Patience);
        Assert.Contains("3.650", Assert.Single(Snackbars(context, Severity.Error)), StringComparison.Ordinal);
        Assert.Equal("0", page.Find("input[data-testid=trash-retention-days]").GetAttribute("value"));

        await TypeAsync(page, "input[data-testid=trash-retention-days]", "1200");
        await page.Find("[data-section=trash] button[type=submit]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(["Os leads excluídos agora são mantidos por 1.200 dias."], Snackbars(context, Severity.Success)), Patience);
    }

    [Fact]
    public async Task ApiTokens_AreCreatedCopiedAndRevokedInPortuguese_WithABadExpiryRefusedBesideTheField()
    {
        using var culture = TestCulture.Portuguese();
        var (_, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, dialogs, _) = Render<ApiTokensPage>(context);

        Assert.Equal("Tokens de API", page.Find("h1").TextContent.Trim());
        Assert.Contains("para usar a API REST.", page.Find(".ld-settings-body").TextContent, StringComparison.Ordinal);
        Assert.Equal("API REST", page.Find(".ld-settings-body a[href='/api/docs']").TextContent);
        Assert.Equal(["Novo token", "Tokens"], page.FindAll(".ld-settings-card h2").Select(h => h.TextContent.Trim()));
        Assert.StartsWith("Nenhum token ainda.", page.Find("[data-testid=tokens-empty]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("leads:read — Ler leads, suas notas, atividades, histórico, documentos, produtos e equipe", page.Find("[data-testid=token-form]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Criar token", page.Find("[data-testid=token-form] button[type=submit]").TextContent.Trim());

        await TypeAsync(page, "#token-name", "Site");
        await TypeAsync(page, "#token-expires", "30/06/2027");
        await SubmitAsync(page, "token-form");

        page.WaitForAssertion(() => Assert.Equal("Informe a expiração como uma data.", FieldError(page, "#token-expires")), Patience);
        Assert.Equal(["Informe a expiração como uma data."], Snackbars(context, Severity.Error));
        Assert.Equal("Site", page.Find("#token-name").GetAttribute("value"));

        await TypeAsync(page, "#token-expires", "2027-06-30");
        await SubmitAsync(page, "token-form");

        page.WaitForElement("[data-testid=new-token]", Patience);
        Assert.Contains("Token “Site” criado — copie-o agora", page.Find("[data-testid=new-token]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Token “Site” criado: copie-o agora."], Snackbars(context, Severity.Success));
        Assert.Equal(["Nome", "Token", "Escopos", "Criado em", "Último uso", "Expira", "Status", "Ações"],
            page.FindAll("[data-testid=token-table] th").Select(th => th.TextContent.Trim()));
        var cells = page.Find("[data-testid=token-table] td[data-token-id]").ParentElement!.Children.Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(("nunca", "30 de jun. de 2027", "Ativo"), (cells[4], cells[5], cells[6]));
        Assert.Contains(" por ", cells[3], StringComparison.Ordinal);

        await page.Find("[data-testid=new-token] button[data-testid=copy]").ClickAsync(new MouseEventArgs());
        Assert.Equal("Copiar novo token", page.Find("[data-testid=new-token] button[data-testid=copy]").GetAttribute("aria-label"));
        Assert.Contains("Novo token copiado.", Snackbars(context, Severity.Success));

        await ConfirmAsync(page, dialogs, "Revogar Site", "Tudo o que o usa para de funcionar na hora. Isso não pode ser desfeito.", "Cancelar");
        Assert.Equal("Ativo", page.Find("[data-testid=token-status]").TextContent);
        await ConfirmAsync(page, dialogs, "Revogar Site", "Revogar “Site”?", "Revogar");

        page.WaitForAssertion(() => Assert.Equal("Revogado", page.Find("[data-testid=token-status]").TextContent), Patience);
        Assert.Contains("Token “Site” revogado.", Snackbars(context, Severity.Success));
    }
}
