using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class ApiTokenJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Admin_creates_a_token_a_website_captures_a_lead_with_it_then_the_admin_revokes_it()
    {
        await SignInAsAsync(Admin);
        await Page.GotoAsync("/settings");
        await WaitUntilInteractiveAsync();
        var settingsNav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" });
        await settingsNav.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("API tokens");
        await Expect(settingsNav.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).ToHaveAttributeAsync("aria-current", "page");

        // A token without a name is refused beside the field, and the scopes chosen stay.
        await Page.Locator("input[data-scope='leads:read']").UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(Page.Locator(".mud-input-control:has(#token-name) .mud-input-helper-text.mud-input-error")).ToContainTextAsync("Give the token a name");
        await Expect(Page.Locator("input[data-scope='leads:read']")).Not.ToBeCheckedAsync();

        var name = Unique("Website ");
        await Page.Locator("#token-name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var shown = Page.GetByTestId("new-token");
        await Expect(shown).ToContainTextAsync("copy it now");
        var secret = await Page.Locator("#token-secret").InputValueAsync();
        Assert.StartsWith("ld_", secret);
        await ScreenshotAsync("token-created");

        using var website = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        website.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var last = Unique("Webcapture");
        using (var captured = await website.PostAsJsonAsync("/api/external/v1/leads",
            new { name = $"Maren {last}", email = $"{last.ToLowerInvariant()}@example.no", source = "Website", notes = "Asked for a demo" }))
        {
            Assert.Equal(HttpStatusCode.Created, captured.StatusCode);
        }

        await OpenListAsync($"/leads?q={Uri.EscapeDataString(last)}");
        var rows = LeadRows;
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync($"Maren {last}");
        await rows.First.GetByRole(AriaRole.Link, new() { Name = $"Maren {last}" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync($"Maren {last}");
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "Source" })).ToHaveValueAsync("Website");
        await ScreenshotAsync("captured-lead");

        // The secret is shown once: a reload lists the token by its prefix only.
        await Page.GotoAsync("/settings/api-tokens");
        await WaitUntilInteractiveAsync();
        await Expect(Page.GetByTestId("new-token")).ToHaveCountAsync(0);
        var row = Page.Locator("tr", new() { HasText = name });
        await Expect(row.Locator("code")).ToHaveTextAsync($"{secret[..11]}…");
        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        var confirmation = Page.GetByRole(AriaRole.Dialog);
        await Expect(confirmation).ToContainTextAsync($"Revoke “{name}”?");
        await ScreenshotAsync("revoke-confirmation");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Page.Locator("tr", new() { HasText = name }).GetByTestId("token-status")).ToHaveTextAsync("Revoked");
        await Expect(Snackbar).ToContainTextAsync($"Token “{name}” revoked.");
        await ScreenshotAsync("token-revoked");

        using var refused = await website.PostAsJsonAsync("/api/external/v1/leads", new { name = "Too Late", email = $"{Unique("late")}@example.no" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
