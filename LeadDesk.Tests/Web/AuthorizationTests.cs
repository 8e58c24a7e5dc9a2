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
    [InlineData("/account/access-denied")]
    public async Task Pages_RequireSignIn(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin?ReturnUrl=", response.RedirectPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmxRequests_WithoutSignIn_Get401AndAnHxRedirect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/leads");
        request.Headers.Add("HX-Request", "true");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("https://localhost/account/signin", response.Headers.GetValues("HX-Redirect").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/healthz")]
    [InlineData("/css/leaddesk.css")]
    [InlineData("/css/account.css")]
    [InlineData("/lib/roboto/400.css")]
    [InlineData("/lib/htmx/htmx.min.js")]
    public async Task PublicUrls_AreServedWithoutSignIn(string url)
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SalesRep_CannotOpenSettings_AndDoesNotSeeTheLink()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.OtherRep);

        var response = await client.GetAsync(new Uri("/settings", UriKind.Relative));
        var dashboard = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.RedirectPath(), StringComparison.Ordinal);
        Assert.Null(dashboard.QuerySelector("nav a[href='/settings']"));
    }

    [Fact]
    public async Task Admin_SeesSettings_WithTheWorkspaceMembers()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var page = await client.GetDocumentAsync("/settings");

        var emails = page.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).Order(StringComparer.Ordinal);
        Assert.Equal([LeadDeskAppFactory.Admin, LeadDeskAppFactory.Manager, LeadDeskAppFactory.Rep, LeadDeskAppFactory.OtherRep], emails);
    }
}
