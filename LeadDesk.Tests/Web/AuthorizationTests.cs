using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web;

public sealed class AuthorizationTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/board")]
    [InlineData("/leads")]
    [InlineData("/settings")]
    [InlineData("/settings/pipelines")]
    [InlineData("/settings/api-tokens")]
    [InlineData("/settings/web-forms")]
    [InlineData("/settings/webhooks")]
    [InlineData("/settings/log")]
    [InlineData("/account/access-denied")]
    public async Task Pages_RequireSignIn(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin?ReturnUrl=", response.RedirectPath(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/healthz")]
    [InlineData("/css/app.css")]
    [InlineData("/css/account.css")]
    [InlineData("/lib/roboto/400.css")]
    [InlineData("/js/theme.js")]
    public async Task PublicUrls_AreServedWithoutSignIn(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(LeadDeskAppFactory.OtherRep, "/settings")]
    [InlineData(LeadDeskAppFactory.OtherRep, "/settings/api-tokens")]
    [InlineData(LeadDeskAppFactory.OtherRep, "/settings/web-forms")]
    [InlineData(LeadDeskAppFactory.OtherRep, "/settings/webhooks")]
    [InlineData(LeadDeskAppFactory.Manager, "/settings")]
    [InlineData(LeadDeskAppFactory.Manager, "/settings/api-tokens")]
    [InlineData(LeadDeskAppFactory.Manager, "/settings/pipelines")]
    [InlineData(LeadDeskAppFactory.Manager, "/settings/log")]
    public async Task NonAdmins_CannotOpenSettings_AndDoNotSeeTheLink(string email, string url)
    {
        var client = await app.SignedInAsync(email);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var dashboard = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.RedirectPath(), StringComparison.Ordinal);
        Assert.Null(dashboard.QuerySelector("a[href='/settings']"));
    }

    [Fact]
    public async Task Admin_GetsTheSettingsPagePrerendered_WithTheSettingsNavigation()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var page = await client.GetDocumentAsync("/settings/webhooks");

        Assert.Equal("Webhooks", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(["/settings", "/settings/pipelines", "/settings/api-tokens", "/settings/web-forms", "/settings/webhooks", "/settings/log"],
            page.QuerySelectorAll("nav[aria-label=Settings] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("page", page.QuerySelector("nav[aria-label=Settings] a[href='/settings/webhooks']")?.GetAttribute("aria-current"));
    }
}
