using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class LeadTabsJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task A_note_shows_up_in_notes_activities_and_history()
    {
        await SignInAsAsync(Rep1);
        var path = await CreateLeadAsync("Kofi", Unique("Mensah"), $"{Unique("kofi")}@example.gh", "Accra Solar");

        await Tab("Notes").ClickAsync();
        await ExpectPathAsync($"{path}?tab=notes");
        await Page.GetByLabel("Add a note").FillAsync("Called: wants a demo next Tuesday.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(Page.Locator(".ld-note")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".ld-note-body")).ToHaveTextAsync("Called: wants a demo next Tuesday.");
        await ScreenshotAsync("notes");

        await Tab("Activities").ClickAsync();
        await ExpectPathAsync($"{path}?tab=activities");
        var timeline = Page.Locator(".ld-timeline-item");
        await Expect(timeline.First).ToContainTextAsync("Note added");
        await Expect(timeline.First).ToContainTextAsync("Called: wants a demo next Tuesday.");
        await Expect(timeline.Last).ToContainTextAsync("Lead created");
        await ScreenshotAsync("activities");

        await Tab("History").ClickAsync();
        await ExpectPathAsync($"{path}?tab=history");
        await Expect(Page.GetByTestId("history-field").First).ToHaveTextAsync("Note");
        await Expect(Page.Locator(".ld-history tbody tr").First).ToContainTextAsync("Called: wants a demo next Tuesday.");
        await ScreenshotAsync("history");
    }

    [Fact]
    public async Task Logging_a_call_adds_it_to_the_timeline()
    {
        await SignInAsAsync(Rep1);
        var path = await CreateLeadAsync("Ines", Unique("Duarte"), $"{Unique("ines")}@example.pt", "Lisboa Tiles");
        await Page.GotoAsync($"{path}?tab=activities");
        await WaitUntilInteractiveAsync();
        await Expect(Tab("Activities")).ToHaveAttributeAsync("aria-selected", "true");

        await ChooseAsync(Page.GetByTestId("activity-type"), "Email");
        await ChooseAsync(Page.GetByTestId("activity-type"), "Call");
        await Page.GetByLabel("Subject").FillAsync("Discovery call");
        await Page.GetByLabel("Details").FillAsync("Budget confirmed for Q1.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log activity" }).ClickAsync();

        await Expect(Page.Locator(".ld-timeline-item[data-activity-type=Call]")).ToContainTextAsync("Discovery call");
        await Expect(Page.Locator(".ld-timeline-item[data-activity-type=Call]")).ToContainTextAsync("Budget confirmed for Q1.");
        await Expect(Snackbar.Last).ToContainTextAsync("Call logged.");
        await ScreenshotAsync("call-logged");
    }

    private ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name });
}
