using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class WorkspaceSwitchJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Admin_switches_to_Northwind_and_back()
    {
        await SignInAsAsync(Admin);
        var current = Page.GetByTestId("workspace-switcher").GetByRole(AriaRole.Button);
        await Expect(current).ToHaveTextAsync("Demo Company");
        var demoOpenLeads = await KeyFigureAsync("stat-open");

        await SwitchToAsync("Northwind Traders");
        await Expect(current).ToHaveTextAsync("Northwind Traders");
        var northwindOpenLeads = await KeyFigureAsync("stat-open");
        Assert.True(northwindOpenLeads < demoOpenLeads, $"Northwind shows {northwindOpenLeads} open leads, Demo Company {demoOpenLeads}.");
        await ScreenshotAsync("northwind-dashboard");

        await SwitchToAsync("Demo Company");
        await Expect(current).ToHaveTextAsync("Demo Company");
        Assert.Equal(demoOpenLeads, await KeyFigureAsync("stat-open"));
        await ScreenshotAsync("back-in-demo");

        async Task SwitchToAsync(string workspace)
        {
            await current.ClickAsync();
            var button = Page.Locator("form[action='/workspaces/switch']").GetByRole(AriaRole.Button, new() { Name = workspace });
            await Expect(button).ToBeVisibleAsync();
            await ScreenshotAsync($"switcher-open-for-{workspace.Split(' ')[0].ToLowerInvariant()}");
            await button.ClickAsync();
            await WaitUntilInteractiveAsync();
        }
    }
}
