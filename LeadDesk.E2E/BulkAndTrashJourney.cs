using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class BulkAndTrashJourney(AppServer app) : Journey(app)
{
    private ILocator Confirmation => Page.GetByRole(AriaRole.Dialog);

    [Fact]
    public async Task Manager_assigns_two_leads_at_once_then_deletes_and_restores_one()
    {
        await SignInAsAsync(Admin);
        var company = Unique("Bulkco");
        await CreateLeadAsync("Ada", Unique("One"), $"{Unique("ada")}@example.com", company);
        await CreateLeadAsync("Bo", Unique("Two"), $"{Unique("bo")}@example.com", company);

        await OpenListAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(LeadRows).ToHaveCountAsync(2);
        await Page.Locator("[data-testid=lead-grid] thead input[type=checkbox]").CheckAsync();
        await Expect(Page.GetByTestId("bulk-actions")).ToContainTextAsync("2 leads selected");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Assign to" }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sam Seller" }).ClickAsync();
        await Expect(Confirmation).ToContainTextAsync("Assign to Sam Seller: 2 leads.");
        await ScreenshotAsync("bulk-confirm");
        await Confirmation.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(Snackbar.Last).ToContainTextAsync("Updated 2 leads");
        await Expect(LeadRows.Nth(0)).ToContainTextAsync("Sam Seller");
        await Expect(LeadRows.Nth(1)).ToContainTextAsync("Sam Seller");
        await ScreenshotAsync("bulk-assigned");

        var name = await LeadRows.First.Locator("a.ld-lead-link").InnerTextAsync();
        await LeadRows.First.Locator("a.ld-lead-link").ClickAsync();
        await Expect(Heading).ToHaveTextAsync(name);
        await WaitUntilInteractiveAsync();
        await Page.Locator("[data-action=delete]").ClickAsync();
        await Expect(Confirmation).ToContainTextAsync($"{name} goes to the trash. It can be restored from there.");
        await ScreenshotAsync("delete-confirm");
        await Confirmation.GetByRole(AriaRole.Button, new() { Name = "Move to trash" }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(Snackbar.Last).ToContainTextAsync($"{name} moved to the trash.");

        await OpenListAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(LeadRows).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Trash");
        var trashed = LeadRows.Filter(new() { HasText = name });
        await Expect(trashed).ToHaveCountAsync(1);
        await trashed.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await ScreenshotAsync("trash");
        await Confirmation.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Snackbar.Last).ToContainTextAsync("Restored: 1 lead");

        await OpenListAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(LeadRows).ToHaveCountAsync(2);
    }
}
