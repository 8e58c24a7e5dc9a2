using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

/// <summary>A Brazilian rep: a browser in Portuguese gets LeadDesk in Portuguese; the user menu switches language.</summary>
public sealed class PortugueseJourney(AppServer app) : Journey(app)
{
    // Their own person: a language chosen here follows them to every later sign-in, and other journeys sign in in English.
    private const string Rep2 = "rep2@demo.leaddesk.test";

    protected override string? Locale => "pt-BR";

    [Fact]
    public async Task A_rep_with_a_Portuguese_browser_works_in_Portuguese_and_switches_to_English_and_back()
    {
        await Page.GotoAsync("/account/signin");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pt-BR");
        await Page.Locator("#email").FillAsync(Rep2);
        await Page.Locator("#password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Painel");
        await WaitUntilInteractiveAsync();
        await ScreenshotAsync("1-dashboard");

        // The list: Portuguese columns and pager, the demo's dollars written the Brazilian way.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(LeadRows.First).ToBeVisibleAsync();
        await Expect(Page.GetByText("Linhas por página:")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=lead-grid]")).ToContainTextAsync("US$");
        await ScreenshotAsync("2-list");

        // "/" jumps to the global search; a result opens the lead, whose tabs are in Portuguese.
        var name = (await LeadRows.First.Locator("a.ld-lead-link").InnerTextAsync()).Trim();
        await Page.Locator("main h1").ClickAsync();
        await Page.Keyboard.PressAsync("/");
        await Expect(Page.Locator("#global-search")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(name);
        var hit = Page.Locator(".mud-popover-open .ld-search-hit").Filter(new() { HasText = name }).First;
        await hit.ClickAsync();
        await Expect(Heading).ToHaveTextAsync(name);
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Visão geral" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Histórico" })).ToBeVisibleAsync();
        await ScreenshotAsync("3-lead");

        // The user menu: English from now on (the page loads again), then back to Portuguese.
        await ChooseLanguageAsync("English");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Overview" })).ToBeVisibleAsync();
        await ChooseLanguageAsync("Português (Brasil)");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pt-BR");
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Visão geral" })).ToBeVisibleAsync();

        // No choice: the browser's language again (Portuguese here).
        await ChooseLanguageAsync("Seguir o navegador");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pt-BR");
        await Expect(Page.GetByTestId("account-menu")).ToBeAttachedAsync();
    }

    private async Task ChooseLanguageAsync(string language)
    {
        await Page.GetByTestId("account-menu").Locator("button").First.ClickAsync();
        await Page.Locator(".mud-popover-open").GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
        await WaitUntilInteractiveAsync();
    }
}
