using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class BulkAndTrashJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Manager_assigns_two_leads_at_once_then_deletes_and_restores_one()
    {
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInAsAsync(Admin);
        var company = Unique("Bulkco");
        await CreateLeadAsync("Ada", Unique("One"), $"{Unique("ada")}@example.com", company);
        await CreateLeadAsync("Bo", Unique("Two"), $"{Unique("bo")}@example.com", company);

        await Page.GotoAsync($"/leads?q={company.ToLowerInvariant()}");
        var rows = Page.Locator("#lead-results tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Page.GetByLabel("Select all leads on this page").CheckAsync();
        await Expect(Page.Locator("[data-bulk-count]")).ToHaveTextAsync("2 selected:");
        await Page.GetByLabel("Bulk action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sam Seller" });
        await ScreenshotAsync("bulk-selected");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".ld-toast")).ToContainTextAsync("Updated 2 leads");
        await Expect(rows.Nth(0).Locator("td[data-label=Owner]")).ToHaveTextAsync("Sam Seller");
        await Expect(rows.Nth(1).Locator("td[data-label=Owner]")).ToHaveTextAsync("Sam Seller");
        await ScreenshotAsync("bulk-assigned");

        var name = await rows.First.Locator("a.ld-lead-link").InnerTextAsync();
        await rows.First.Locator("a.ld-lead-link").ClickAsync();
        await Expect(Heading).ToHaveTextAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await ExpectPathAsync("/leads");
        await Expect(Page.Locator(".ld-toast")).ToContainTextAsync("moved to the trash");

        await Page.GotoAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(rows).ToHaveCountAsync(1);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Trash");
        var trashed = Page.Locator("#lead-results tbody tr").Filter(new() { HasText = name });
        await Expect(trashed).ToHaveCountAsync(1);
        await trashed.GetByRole(AriaRole.Checkbox).CheckAsync();
        await Page.GetByLabel("Bulk action", new() { Exact = true }).SelectOptionAsync("restore");
        await ScreenshotAsync("trash");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".ld-toast")).ToContainTextAsync("Restored: 1 lead");

        await Page.GotoAsync($"/leads?q={company.ToLowerInvariant()}");
        await Expect(rows).ToHaveCountAsync(2);
    }
}
