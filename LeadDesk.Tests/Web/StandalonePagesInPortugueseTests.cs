using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web;

/// <summary>
/// Sign-in, access denied and the error pages render per request, in the language of that request: the ld.language
/// cookie, else the browser's Accept-Language.
/// </summary>
public sealed class StandalonePagesInPortugueseTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task SignIn_ForABrazilianBrowser_IsInPortuguese()
    {
        var page = await Portuguese(app.CreateBrowser()).GetDocumentAsync("/account/signin");

        Assert.Equal("pt-BR", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Entrar · LeadDesk", page.Title);
        Assert.Equal("Entrar", page.QuerySelector(".ld-auth-card h1")?.TextContent);
        Assert.Equal("E-mail", page.QuerySelector("label[for=email]")?.TextContent);
        Assert.Equal("Senha", page.QuerySelector("label[for=password]")?.TextContent);
        Assert.Equal("Manter-me conectado neste dispositivo", page.QuerySelector("label[for=remember]")?.TextContent);
        Assert.Equal("Entrar", page.QuerySelector("form button[type=submit]")?.TextContent);
    }

    [Fact]
    public async Task SignIn_RefusesInvalidFieldsAndAWrongPassword_InPortuguese()
    {
        var client = Portuguese(app.CreateBrowser());

        var invalid = await (await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = "not an email", ["Input.Password"] = "" })).ParseAsync();
        var wrong = await (await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.OtherRep, ["Input.Password"] = "not-the-password1" })).ParseAsync();

        Assert.Equal("Verifique estes campos:", invalid.QuerySelector("[data-testid=signin-problem] .ld-alert-title")?.TextContent);
        Assert.Equal(["Informe um endereço de e-mail válido.", "Informe a sua senha."], invalid.QuerySelectorAll(".ld-field-error").Select(m => m.TextContent));
        Assert.Equal("O e-mail ou a senha não estão corretos.", wrong.QuerySelector("[data-testid=signin-error]")?.TextContent);
    }

    [Fact]
    public async Task TheLanguageCookie_OverridesTheBrowsersLanguage()
    {
        using var portuguese = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        portuguese.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        portuguese.Headers.Add("Cookie", "ld.language=pt-BR");
        using var english = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        english.Headers.AcceptLanguage.ParseAdd("pt-BR,pt;q=0.9");
        english.Headers.Add("Cookie", "ld.language=en-US");
        var client = app.CreateClient(cookies: false);

        var inPortuguese = await (await client.SendAsync(portuguese)).ParseAsync();
        var inEnglish = await (await client.SendAsync(english)).ParseAsync();

        Assert.Equal(("pt-BR", "Entrar"), (inPortuguese.DocumentElement.GetAttribute("lang"), inPortuguese.QuerySelector("h1")?.TextContent));
        Assert.Equal(("en-US", "Sign in"), (inEnglish.DocumentElement.GetAttribute("lang"), inEnglish.QuerySelector("h1")?.TextContent));
    }

    [Fact]
    public async Task TheErrorPage_ForABrazilianBrowser_IsInPortuguese()
    {
        var page = await Portuguese(app.CreateBrowser()).GetDocumentAsync("/error");

        Assert.Equal("pt-BR", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Algo deu errado · LeadDesk", page.Title);
        Assert.Equal("Algo deu errado", page.QuerySelector(".ld-auth-card h1")?.TextContent);
        Assert.Equal("O problema foi registrado. Tente novamente ou volte ao Painel.", page.QuerySelector(".ld-auth-card p")?.TextContent);
        Assert.Equal("Ir para o Painel", page.QuerySelector(".ld-auth-card a.ld-button[href='/']")?.TextContent);
    }

    [Fact]
    public async Task APageThatDoesNotExist_IsANotFoundPageInPortuguese()
    {
        var client = Portuguese(await app.SignedInAsync(LeadDeskAppFactory.Manager));

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("pt-BR", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Página não encontrada", page.QuerySelector(".ld-auth-card h1")?.TextContent);
        Assert.Equal("A página que você pediu não existe, ou pertence a um espaço de trabalho em que você não está trabalhando.",
            page.QuerySelector(".ld-auth-card p")?.TextContent);
    }

    [Fact]
    public async Task AccessDenied_ForABrazilianBrowser_IsInPortuguese()
    {
        var client = Portuguese(await app.SignedInAsync(LeadDeskAppFactory.Rep));

        var page = await client.GetDocumentAsync("/account/access-denied");

        Assert.Equal("Você não tem acesso a essa página", page.QuerySelector(".ld-auth-card h1")?.TextContent);
        Assert.StartsWith("Conectado como ", page.QuerySelector("#account-title")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Sair", page.QuerySelector("form[action='/account/signout'] button")?.TextContent);
        Assert.Equal("Voltar ao Painel", page.QuerySelector(".ld-auth-card a.ld-button[href='/']")?.TextContent);
    }

    private static HttpClient Portuguese(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pt-BR,pt;q=0.9,en;q=0.8");
        return client;
    }
}
