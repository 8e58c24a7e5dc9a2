using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

public sealed class CreateLeadJourney(AppServer app) : Journey(app)
{
    [Fact]
    public async Task Rep_is_warned_of_a_duplicate_then_creates_the_lead_and_finds_it_by_search()
    {
        await SignInAsAsync(Rep1);
        var original = await CreateLeadAsync("Greta", Unique("Lindqvist"), $"{Unique("greta")}@example.se", "Nordic Pumps");
        var originalEmail = await Page.Locator("dd a[href^='mailto:']").InnerTextAsync();

        await Page.GotoAsync("/leads/new");
        await WaitUntilInteractiveAsync();
        var last = Unique("Ångström");
        await Page.Locator("#lead-first").FillAsync("Zoë");
        await Page.Locator("#lead-last").FillAsync(last);
        await Page.Locator("#lead-email").FillAsync(originalEmail.ToUpperInvariant());
        var warning = Page.GetByTestId("duplicate-warning");
        await Expect(warning).ToContainTextAsync("This looks like a lead you already have");
        await Expect(warning.Locator($"a[href='{original}']")).ToBeVisibleAsync();
        await Expect(warning.GetByRole(AriaRole.Checkbox, new() { Name = "Create it anyway: this is a different lead" })).ToBeVisibleAsync();
        await ScreenshotAsync("duplicate-warning");

        await Page.Locator("#lead-email").FillAsync($"{Unique("zoe")}@example.se");
        await Expect(warning).ToHaveCountAsync(0);
        await Page.Locator("#lead-company").FillAsync("Fjord Analytics");
        await Page.Locator("#lead-value").FillAsync("25,000");
        await Page.EvaluateAsync("() => window.ldSameDocument = true"); // gone if the lead page came with a reload
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(Heading).ToHaveTextAsync($"Zoë {last}");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/leads/[0-9a-f-]{36}$"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.ldSameDocument === true"), "Creating the lead reloaded the page.");
        await Expect(Snackbar.Last).ToContainTextAsync($"Lead Zoë {last} created.");
        await Expect(Page.Locator(".ld-stage-path li.is-current")).ToHaveTextAsync("New");
        await ScreenshotAsync("lead-page");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Leads" }).ClickAsync();
        await WaitUntilInteractiveAsync();
        await Page.Locator("input[data-filter=q]").FillAsync(last.ToLowerInvariant());
        await ExpectPathAsync($"/leads?q={Uri.EscapeDataString(last.ToLowerInvariant())}");
        var rows = LeadRows;
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Fjord Analytics");
        await Expect(rows.First).ToContainTextAsync("$25,000");
        await ScreenshotAsync("found-by-search");
    }

    [Fact]
    public async Task A_form_with_mistakes_keeps_what_was_typed_and_says_what_to_fix()
    {
        await SignInAsAsync(Rep1);
        await Page.GotoAsync("/leads/new");
        await WaitUntilInteractiveAsync();
        await Page.Locator("#lead-first").FillAsync("Ana");
        await Page.Locator("#lead-email").FillAsync("ana@");
        await Page.Locator("#lead-value").FillAsync("lots");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(Page.GetByTestId("form-errors")).ToContainTextAsync("Enter a valid email address");
        await Expect(Page.GetByTestId("form-errors")).ToContainTextAsync("Enter an amount");
        await Expect(Page.Locator("#lead-first")).ToHaveValueAsync("Ana");
        await Expect(Page.Locator("#lead-email")).ToHaveValueAsync("ana@");
        await Expect(Page.Locator("#lead-email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByText("Enter a valid email address, like name@example.com.").Last).ToBeVisibleAsync(); // under the field too
        await Expect(Page.Locator("#lead-value")).ToHaveValueAsync("lots");
        await ScreenshotAsync("form-errors");

        await Page.Locator("#lead-email").FillAsync("ana@example.com");
        await Page.Locator("#lead-value").FillAsync("1,500");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync("Ana");
    }

    [Fact]
    public async Task A_known_email_is_created_again_only_with_create_anyway_ticked()
    {
        await SignInAsAsync(Rep1);
        var email = $"{Unique("twin")}@example.com";
        var original = await CreateLeadAsync("Twin", "One", email, "Twins Ltd");

        await Page.GotoAsync("/leads/new");
        await WaitUntilInteractiveAsync();
        await Page.Locator("#lead-first").FillAsync("Twin");
        await Page.Locator("#lead-last").FillAsync("Two");
        await Page.Locator("#lead-email").FillAsync(email);
        var anyway = Page.GetByTestId("duplicate-warning").GetByRole(AriaRole.Checkbox, new() { Name = "Create it anyway: this is a different lead" });
        await Expect(anyway).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Expect(Page.GetByTestId("form-errors")).ToContainTextAsync("already exists");
        await Expect(Page.Locator("#lead-last")).ToHaveValueAsync("Two");

        await anyway.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(Heading).ToHaveTextAsync("Twin Two");
        Assert.NotEqual(original, new Uri(Page.Url).AbsolutePath);
    }
}
