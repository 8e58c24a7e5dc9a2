using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class NavigationJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Admin_visits_every_page_from_the_main_navigation()
    {
        await SignInAsAsync(Admin);
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        (string Page, string Path, string Content)[] pages =
        [
            ("Board", "/board", "section.ld-column"),
            ("Leads", "/leads", "[data-testid=lead-grid] a.ld-lead-link"),
            ("Settings", "/settings", "#members-title"),
            ("Dashboard", "/", "#stages-title"),
        ];
        foreach (var (page, path, content) in pages)
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = page, Exact = true }).ClickAsync();
            await ExpectPathAsync(path);
            await Expect(Heading).ToHaveTextAsync(page);
            await Expect(Page.Locator(content).First).ToBeVisibleAsync();
            await ScreenshotAsync(page.ToLowerInvariant());
        }

        await Page.SetViewportSizeAsync(375, 740);
        await WaitUntilInteractiveAsync();
        // On a phone the navigation is a drawer behind its button.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Navigation", Exact = true }).ClickAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Leads" })).ToBeVisibleAsync();
        await ScreenshotAsync("dashboard-phone");
        Assert.True(
            await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The dashboard scrolls sideways at 375 px.");
        foreach (var link in await nav.GetByRole(AriaRole.Link).AllAsync())
        {
            var box = await link.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 375, $"{await link.InnerTextAsync()} is off-screen at 375 px.");
        }
    }

    [Fact]
    public async Task Signing_in_with_the_keyboard_alone()
    {
        await Page.GotoAsync("/account/signin");
        await Expect(Page.Locator("#email")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Admin);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Password);
        await Page.Keyboard.PressAsync("Enter");

        await ExpectPathAsync("/");
        await Expect(Heading).ToHaveTextAsync("Dashboard");
    }
}
