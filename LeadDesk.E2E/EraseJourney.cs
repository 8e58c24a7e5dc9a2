using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class EraseJourney(AppServer app) : Journey(app)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 740)]
    public async Task Admin_erases_a_person_after_typing_their_name_and_settings_logs_it(int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        await SignInAsAsync(Admin);
        var email = $"{Unique("erin")}@example.com";
        var path = await CreateLeadAsync("Erin", Unique("Erased"), email, Unique("Gone Ltd"));
        var name = await Heading.InnerTextAsync();

        await Page.GetByText("Erase this person…").ClickAsync();
        var panel = Page.Locator(".ld-popover-panel").Filter(new() { Has = Page.Locator("#erase-confirmation") });
        await Expect(panel).ToBeVisibleAsync();
        var box = (await panel.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the panel spans {box.X}–{box.X + box.Width} px of a {width} px window");

        await Page.Locator("#erase-confirmation").FillAsync("Someone Else");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();
        await Expect(Page.Locator("#erase-confirmation")).ToHaveValueAsync("Someone Else");
        await Expect(panel).ToContainTextAsync("exactly as shown");
        await ScreenshotAsync($"erase-refused-{width}");

        await Page.Locator("#erase-confirmation").FillAsync(email.ToUpperInvariant());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(Snackbar).ToContainTextAsync("erased");

        var gone = await Page.GotoAsync(path);
        Assert.Equal(404, gone!.Status);
        await OpenListAsync($"/leads?view=trash&q={Uri.EscapeDataString(email)}");
        await Expect(Page.GetByTestId("lead-total")).ToContainTextAsync("0 leads");
        await Expect(Page.GetByText(name)).ToHaveCountAsync(0);
        await Page.GotoAsync("/settings");
        await Expect(Page.Locator("[data-testid=erasures] tbody tr").First).ToContainTextAsync("Ada Admin");
        await ScreenshotAsync($"erasures-{width}");
    }
}
