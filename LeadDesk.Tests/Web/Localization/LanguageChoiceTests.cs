using System.Net;
using AngleSharp.Html.Dom;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;

namespace LeadDesk.Tests.Web.Localization;

/// <summary>The user menu's language: a form post that keeps the choice on the account and in the browser.</summary>
public sealed class LanguageChoiceTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task Choosing_Portuguese_turns_the_next_pages_Portuguese_and_follows_the_person_to_their_next_sign_in()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        Assert.Equal("en-US", Language(await client.GetDocumentAsync("/")));

        var response = await ChooseAsync(client, "pt-BR", "/leads?q=smith");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leads?q=smith", response.RedirectPath());
        var dashboard = await client.GetDocumentAsync("/");
        Assert.Equal("pt-BR", Language(dashboard));
        Assert.Contains(dashboard.QuerySelectorAll(".mud-nav-link"), link => link.TextContent.Trim() == "Quadro");

        // Another browser, English by its own settings, follows the person's choice as soon as they sign in.
        var elsewhere = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        Assert.Equal("pt-BR", Language(await elsewhere.GetDocumentAsync("/")));

        await ChooseAsync(elsewhere, "", "/");
        Assert.Equal("en-US", Language(await elsewhere.GetDocumentAsync("/")));
        var third = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        Assert.Equal("en-US", Language(await third.GetDocumentAsync("/")));
    }

    [Fact]
    public async Task Without_a_choice_the_browser_language_decides()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.OtherRep);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pt-BR,pt;q=0.9,en;q=0.5");

        var dashboard = await client.GetDocumentAsync("/");

        Assert.Equal("pt-BR", Language(dashboard));
        Assert.Contains(dashboard.QuerySelectorAll(".mud-nav-link"), link => link.TextContent.Trim() == "Painel");
    }

    [Fact]
    public async Task An_unknown_language_is_refused_and_changes_nothing()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await ChooseAsync(client, "xx-YY", "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("language", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("en-US", Language(await client.GetDocumentAsync("/")));
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_off_this_site_leads_home(string returnUrl)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await ChooseAsync(client, "en-US", returnUrl);

        Assert.Equal("/", response.RedirectPath());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "pt-BR" });

        var response = await client.PostAsync(new Uri("/account/language", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("en-US", Language(await client.GetDocumentAsync("/")));
    }

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, string language, string returnUrl)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = language,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(SeededData.StaticPage),
        });
        return await client.PostAsync(new Uri("/account/language", UriKind.Relative), form);
    }

    private static string? Language(IHtmlDocument page) => page.DocumentElement.GetAttribute("lang");
}
