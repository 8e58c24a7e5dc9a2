using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

/// <summary>The demo workspace as a new user first sees it; its screenshots are the README's (docs/screenshots).</summary>
public sealed class ProductTourJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task A_manager_looks_at_the_board_the_list_and_a_lead()
    {
        await Page.SetViewportSizeAsync(1366, 860);
        await SignInAsAsync(Admin);

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Board", Exact = true }).ClickAsync();
        await ExpectPathAsync("/board");
        var columnsWithCards = Page.Locator("section.ld-column").Filter(new() { Has = Page.Locator(".ld-kcard") });
        await Expect(columnsWithCards.Nth(3)).ToBeVisibleAsync();
        await ScreenshotAsync("readme-board", fullPage: false);

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(LeadRows).ToHaveCountAsync(50);
        await ScreenshotAsync("readme-leads", fullPage: false);

        var name = await LeadRows.First.Locator("a.ld-lead-link").InnerTextAsync();
        await LeadRows.First.Locator("a.ld-lead-link").ClickAsync();
        await Expect(Heading).ToHaveTextAsync(name);
        await Expect(Page.GetByTestId("save-lead")).ToBeVisibleAsync();
        await Expect(Page.Locator(".ld-stage-path li.is-current")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("stage-values").Or(Page.GetByText("This pipeline's stages ask for no extra fields."))).ToBeVisibleAsync();
        await ScreenshotAsync("readme-lead-page", fullPage: false);
    }
}
