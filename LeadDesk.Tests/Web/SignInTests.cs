using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web;

public sealed class SignInTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task SignIn_WithTheRightPassword_RedirectsToTheDashboard()
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.Manager, ["Input.Password"] = LeadDeskAppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
        var dashboard = await client.GetDocumentAsync("/");
        Assert.Equal("Dashboard", dashboard.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndKeepsTheEmail()
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.OtherRep, ["Input.Password"] = "not-the-password1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("The email or password is not correct.", page.QuerySelector("[data-testid=signin-error]")?.TextContent);
        Assert.Equal(LeadDeskAppFactory.OtherRep, page.QuerySelector("#email")?.GetAttribute("value"));
        Assert.Equal("", page.QuerySelector("#password")?.GetAttribute("value"));
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("ld.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_WithAnInvalidEmail_ShowsTheFieldMessage()
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = "not an email", ["Input.Password"] = "" });

        var page = await response.ParseAsync();
        var messages = page.QuerySelectorAll(".ld-field-error").Select(m => m.TextContent).ToList();
        Assert.Contains("Enter a valid email address.", messages);
        Assert.Contains("Enter your password.", messages);
        Assert.Equal("not an email", page.QuerySelector("#email")?.GetAttribute("value"));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_AndSayWhenToRetry()
    {
        var client = app.CreateBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.Rep, ["Input.Password"] = $"wrong-guess-{attempt}" });
        }

        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.Rep, ["Input.Password"] = LeadDeskAppFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await response.ParseAsync()).QuerySelector("[data-testid=signin-error]")?.TextContent ?? "";
        Assert.Contains("locked", error, StringComparison.Ordinal);
        Assert.Contains("Try again in 15 minutes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/settings", "/settings")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task SignIn_OnlyReturnsToLocalUrls(string returnUrl, string expected)
    {
        var client = app.CreateBrowser();
        var page = $"/account/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}";

        var response = await client.SubmitFormAsync(page, new() { ["Input.Email"] = LeadDeskAppFactory.Admin, ["Input.Password"] = LeadDeskAppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.RedirectPath());
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRejected()
    {
        var client = app.CreateBrowser();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = LeadDeskAppFactory.Admin,
            ["Input.Password"] = LeadDeskAppFactory.Password,
        });

        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DemoCredentials_AreShownInDevelopmentOnly()
    {
        var page = await app.CreateBrowser().GetDocumentAsync("/account/signin");

        Assert.Null(page.QuerySelector(".ld-demo-credentials"));
        Assert.DoesNotContain(LeadDeskAppFactory.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
