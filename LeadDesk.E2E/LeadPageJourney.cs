using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class LeadPageJourney(AppServer app) : Journey(app)
{
    private ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    private ILocator CurrentStage => Page.Locator(".ld-stage-path li.is-current");

    [Fact]
    public async Task Rep_moves_a_lead_edits_it_and_sees_a_colleagues_save_without_a_reload()
    {
        await SignInAsAsync(Rep1);
        var company = Unique("Pathco");
        var last = Unique("Osei");
        var path = await CreateLeadAsync("Ama", last, $"{Unique("ama")}@example.gh", company);

        await OpenListAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(LeadRows).ToHaveCountAsync(1);
        await LeadRows.First.Locator("a.ld-lead-link").ClickAsync();
        await ExpectPathAsync(path);
        await Expect(Heading).ToHaveTextAsync($"Ama {last}");
        await Expect(CurrentStage).ToHaveTextAsync("New");
        await ScreenshotAsync("opened-from-the-list");

        await Page.Locator("[data-action=move]").ClickAsync();
        await Expect(Dialog).ToContainTextAsync($"Move Ama {last}");
        await Dialog.GetByLabel("Contacted").CheckAsync();
        await ScreenshotAsync("move-dialog");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Move lead" }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(Snackbar.Last).ToContainTextAsync($"Ama {last} moved to Contacted.");
        await Expect(CurrentStage).ToHaveTextAsync("Contacted");
        await Expect(CurrentStage).ToHaveAttributeAsync("aria-current", "step");
        await Expect(Page.Locator(".ld-stage-path li.is-passed")).ToHaveTextAsync("New");
        await ScreenshotAsync("moved");

        var renamed = Unique("Kumasi Cocoa ");
        await Page.Locator("#lead-company").FillAsync(renamed);
        await Page.GetByTestId("save-lead").ClickAsync();
        await Expect(Snackbar.Last).ToContainTextAsync("Changes saved.");
        await Expect(Page.Locator(".ld-lead-name")).ToContainTextAsync(renamed);
        await ScreenshotAsync("company-saved");

        // No reload from here on: a reload would drop this marker.
        await Page.EvaluateAsync("() => window.ldSameDocument = true");
        var colleague = await SecondBrowserAsync(Admin);
        await colleague.GotoAsync(path);
        await WaitUntilInteractiveAsync(colleague);
        await Expect(colleague.Locator("#lead-company")).ToHaveValueAsync(renamed);
        await colleague.Locator("#lead-title").FillAsync("Head of Purchasing");
        await colleague.GetByTestId("save-lead").ClickAsync();
        await Expect(colleague.Locator(".mud-snackbar").Last).ToContainTextAsync("Changes saved.");
        await colleague.ScreenshotAsync(new() { Path = ScreenshotPath("colleague-saved-the-title"), FullPage = true });

        await Expect(Page.GetByTestId("changed-by")).ToContainTextAsync("Ada Admin changed this lead just now.");
        await Expect(Page.Locator("#lead-title")).ToHaveValueAsync("Head of Purchasing");
        await Expect(Page.Locator("#lead-company")).ToHaveValueAsync(renamed);
        await Expect(Page.GetByTestId("conflict")).ToHaveCountAsync(0);
        await Expect(CurrentStage).ToHaveTextAsync("Contacted");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.ldSameDocument === true"), "The lead page reloaded to show the colleague's change.");
        await ScreenshotAsync("sees-the-colleagues-change");
    }
}
