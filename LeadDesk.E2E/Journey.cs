using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.E2E;

/// <summary>One user journey: a fresh browser context (no cookies) per test, against the shared app.</summary>
[Collection(SharedAppServer.Name)]
public abstract partial class Journey(AppServer app) : IAsyncLifetime
{
    protected const string Admin = "admin@demo.leaddesk.test";
    protected const string Rep1 = "rep1@demo.leaddesk.test";
    protected const string Password = "leaddesk-demo-2026";

    private IBrowserContext? context;
    private IBrowserContext? secondContext;

    protected IPage Page { get; private set; } = null!;

    protected ILocator Heading => Page.Locator("h1");

    /// <summary>The app's address, for calls a test makes outside the browser (a website posting to the API).</summary>
    protected string BaseUrl => app.BaseUrl;

    /// <summary>The browser's language for this journey's first browser.</summary>
    protected virtual string? Locale => null;

    /// <summary>Whether this journey's first browser has a touch screen.</summary>
    protected virtual bool Touch => false;

    public async Task InitializeAsync()
    {
        context = await app.NewContextAsync(Locale, Touch);
        Page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await context!.CloseAsync();
        if (secondContext is not null)
        {
            await secondContext.CloseAsync();
        }
    }

    /// <summary>Another person at another browser (a context of its own), signed in as <paramref name="email"/> on the dashboard.</summary>
    protected async Task<IPage> SecondBrowserAsync(string email)
    {
        secondContext = await app.NewContextAsync();
        var page = await secondContext.NewPageAsync();
        await SignInAsync(page, email);
        return page;
    }

    protected Task SignInAsAsync(string email) => SignInAsync(Page, email);

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.BaseUrl + "/") + "$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>Waits for the interactive shell's readiness marker: before it, a prerendered control ignores clicks.</summary>
    protected Task WaitUntilInteractiveAsync(IPage? page = null) =>
        Expect((page ?? Page).Locator("[data-ld-interactive]")).ToBeAttachedAsync();

    /// <summary>
    /// Waits for the address bar to show <paramref name="pathAndQuery"/>. Boosted navigation changes the
    /// URL with pushState, which fires no load event for WaitForURL to wait on.
    /// </summary>
    protected Task ExpectPathAsync(string pathAndQuery) =>
        Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.BaseUrl + pathAndQuery) + "$"));

    /// <summary>The lead list's rows (the grid loads them once the page is interactive).</summary>
    protected ILocator LeadRows => Page.Locator("[data-testid=lead-grid] tbody tr:has(a.ld-lead-link)");

    /// <summary>The interactive pages' confirmations and errors.</summary>
    protected ILocator Snackbar => Page.Locator(".mud-snackbar");

    /// <summary>Chooses <paramref name="option"/> in a MudSelect: its items open in a popover, not a native select.</summary>
    protected async Task ChooseAsync(ILocator select, string option)
    {
        await select.ClickAsync();
        var item = Page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(option) + "\\s*$") });
        await item.ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Opens the lead list at <paramref name="pathAndQuery"/> and waits until it answers clicks.</summary>
    protected async Task OpenListAsync(string pathAndQuery)
    {
        await Page.GotoAsync(pathAndQuery);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Creates a lead through the new-lead form and returns its page's path.</summary>
    protected async Task<string> CreateLeadAsync(string firstName, string lastName, string email, string company)
    {
        await Page.GotoAsync("/leads/new");
        await WaitUntilInteractiveAsync();
        await Page.Locator("#lead-first").FillAsync(firstName);
        await Page.Locator("#lead-last").FillAsync(lastName);
        await Page.Locator("#lead-email").FillAsync(email);
        await Page.Locator("#lead-company").FillAsync(company);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Expect(Heading).ToHaveTextAsync($"{firstName} {lastName}");
        return new Uri(Page.Url).AbsolutePath;
    }

    /// <summary>A name no other test uses, so journeys do not see each other's leads.</summary>
    protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Keeps what the page looks like at <paramref name="step"/> as a test artefact (the output's screenshots folder).</summary>
    protected Task ScreenshotAsync(string step, bool fullPage = true) => Page.ScreenshotAsync(new()
    {
        Path = ScreenshotPath(step),
        FullPage = fullPage,
    });

    protected string ScreenshotPath(string step) => Path.Combine(AppContext.BaseDirectory, "screenshots", $"{GetType().Name}-{step}.png");

    /// <summary>A count as the app shows it: "1,234".</summary>
    [GeneratedRegex(@"^\d{1,3}(,\d{3})*$")]
    protected static partial Regex Count();

    protected static int ParseCount(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    protected async Task<int> KeyFigureAsync(string testId) =>
        ParseCount(await Page.GetByTestId(testId).Locator(".ld-figure-value").InnerTextAsync());
}
