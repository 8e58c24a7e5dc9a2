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

        await Page.GetByRole(AriaRole.Button, new() { Name = "Erase this person…" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog).Filter(new() { Has = Page.GetByTestId("erase-dialog") });
        var confirmation = dialog.Locator("input[data-field=confirmation]");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel($"Type {name} or {email} to confirm")).ToBeVisibleAsync();
        var box = (await dialog.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the dialog spans {box.X}–{box.X + box.Width} px of a {width} px window");

        await confirmation.FillAsync("Someone Else");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("exactly as shown");
        await Expect(confirmation).ToHaveValueAsync("Someone Else");
        await Expect(confirmation).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync($"erase-refused-{width}");

        await confirmation.FillAsync(email.ToUpperInvariant());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Snackbar.Last).ToContainTextAsync("The person was erased. Settings lists the erasure.");
        await ScreenshotAsync($"erased-{width}");

        var gone = await Page.GotoAsync(path);
        Assert.Equal(404, gone!.Status);
        await OpenListAsync($"/leads?view=trash&q={Uri.EscapeDataString(email)}");
        await Expect(Page.GetByTestId("lead-total")).ToContainTextAsync("0 leads");
        await Expect(Page.GetByText(name)).ToHaveCountAsync(0);
        await Page.GotoAsync("/settings");
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("[data-testid=erasures] tbody tr").First).ToContainTextAsync("Ada Admin");
        await ScreenshotAsync($"erasures-{width}");
    }
}
