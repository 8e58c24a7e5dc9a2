using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web;

/// <summary>Sign-in, access denied and the error pages: static, styled by account.css alone, in the browser's theme.</summary>
public sealed class StandalonePagesTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private static readonly string[] LegacyAssets = ["bootstrap", "htmx", "leaddesk.css", "leaddesk.js", "MudBlazor", "blazor.web"];

    [Theory]
    [InlineData("/account/signin", false, HttpStatusCode.OK)]
    [InlineData("/error", false, HttpStatusCode.OK)]
    [InlineData("/account/access-denied", true, HttpStatusCode.OK)]
    [InlineData("/no/such/page", true, HttpStatusCode.NotFound)]
    [InlineData("/status/403", true, HttpStatusCode.OK)]
    public async Task StandalonePages_LoadOurStylesheet_AndNoBootstrapHtmxOrScript(string url, bool signedIn, HttpStatusCode status)
    {
        var client = signedIn ? await app.SignedInAsync(LeadDeskAppFactory.Manager) : app.CreateBrowser();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        var page = await response.ParseAsync();
        var assets = page.QuerySelectorAll("link[href], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains("css/account.css", assets);
        Assert.Contains("lib/roboto/400.css", assets);
        Assert.All(assets, asset => Assert.DoesNotContain(LegacyAssets, legacy => asset.Contains(legacy, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Null(page.Body!.GetAttribute("hx-boost"));
        Assert.Empty(page.QuerySelectorAll("[class*='btn'], .bi"));
        Assert.NotNull(page.QuerySelector(".ld-auth-card h1"));
        Assert.NotNull(page.QuerySelector(".ld-auth-card a.ld-button[href='/'], .ld-auth-card form button[type=submit]"));
    }

    [Fact]
    public async Task SignIn_LabelsEveryField_ForKeyboardsAndPasswordManagers()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/account/signin");

        var form = page.QuerySelector<IHtmlFormElement>("form")!;
        Assert.Equal("post", form.Method);
        Assert.NotNull(form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
        Assert.Equal("Email", page.QuerySelector("label[for=email]")?.TextContent);
        Assert.Equal("Password", page.QuerySelector("label[for=password]")?.TextContent);
        Assert.Equal("Keep me signed in on this device", page.QuerySelector("label[for=remember]")?.TextContent);
        var email = page.QuerySelector("#email")!;
        Assert.Equal(("email", "username", "Input.Email"), (email.GetAttribute("type"), email.GetAttribute("autocomplete"), email.GetAttribute("name")));
        Assert.True(email.HasAttribute("autofocus"));
        var password = page.QuerySelector("#password")!;
        Assert.Equal(("password", "current-password", "Input.Password"), (password.GetAttribute("type"), password.GetAttribute("autocomplete"), password.GetAttribute("name")));
        Assert.Equal("checkbox", page.QuerySelector("#remember")?.GetAttribute("type"));
        Assert.Null(page.QuerySelector("[role=alert]"));
    }

    [Fact]
    public async Task SignIn_WithInvalidFields_SummarisesThemWithLinksToTheFields()
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync("/account/signin?ReturnUrl=%2Fleads", new() { ["Input.Email"] = "not an email", ["Input.Password"] = "" });

        var page = await response.ParseAsync();
        var summary = page.QuerySelector("[role=alert][data-testid=signin-problem]")!;
        Assert.True(summary.HasAttribute("autofocus"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        var links = summary.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("Enter a valid email address.", "https://localhost/account/signin?ReturnUrl=%2Fleads#email"),
             ("Enter your password.", "https://localhost/account/signin?ReturnUrl=%2Fleads#password")],
            links);
        foreach (var (field, message) in new[] { ("email", "Enter a valid email address."), ("password", "Enter your password.") })
        {
            var input = page.QuerySelector($"#{field}")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Equal(message, page.GetElementById(input.GetAttribute("aria-describedby")!)?.TextContent);
        }
        Assert.False(page.QuerySelector("#email")!.HasAttribute("autofocus"));
    }

    [Fact]
    public async Task SignIn_AfterSigningOut_SaysSoInAStatus()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/account/signin?signedOut=true");

        Assert.Equal("You have signed out.", page.QuerySelector("[role=status]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("dark", "dark", "dark")]
    [InlineData("light", "light", "light")]
    [InlineData(null, null, "light dark")]
    [InlineData("nonsense", null, "light dark")]
    public async Task ThemeCookie_ChoosesTheStandalonePagesColours(string? cookie, string? theme, string colorScheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"ld.theme={cookie}");
        }

        var response = await app.CreateClient(cookies: false).SendAsync(request);

        var page = await response.ParseAsync();
        Assert.Equal(theme, page.DocumentElement.GetAttribute("data-ld-theme"));
        Assert.Equal(colorScheme, page.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
    }
}
