using System.Net;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;

namespace LeadDesk.Tests.Web;

public sealed class WorkspaceSwitchTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private const string Switcher = "form[action='/workspaces/switch']";

    [Fact]
    public async Task Switching_ShowsTheOtherWorkspacesDashboard()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var page = SeededData.StaticPage;
        var before = await client.GetDocumentAsync(page);
        var dashboardBefore = await client.GetDocumentAsync("/");
        var northwind = before.QuerySelectorAll($"{Switcher} button").Single(b => b.TextContent.Contains("Northwind Traders", StringComparison.Ordinal));

        var response = await client.SubmitFormAsync(page, new() { ["workspaceId"] = northwind.GetAttribute("value")! }, Switcher);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
        var after = await client.GetDocumentAsync(page);
        Assert.Equal("Demo Company", before.QuerySelector(".ld-workspace-name")?.TextContent);
        Assert.Equal("Northwind Traders", after.QuerySelector(".ld-workspace-name")?.TextContent);
        Assert.NotEqual(OpenLeads(dashboardBefore), OpenLeads(await client.GetDocumentAsync("/")));
    }

    [Fact]
    public async Task Switching_ToAWorkspaceTheUserIsNotIn_IsNotFound_AndChangesNothing()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var page = SeededData.StaticPage;
        var northwindId = (await admin.GetDocumentAsync(page)).QuerySelectorAll($"{Switcher} button")
            .Single(b => b.TextContent.Contains("Northwind Traders", StringComparison.Ordinal)).GetAttribute("value")!;
        var rep = await app.SignedInAsync(LeadDeskAppFactory.OtherRep);

        // A member of one workspace is offered no switch: the post is forged, with their own antiforgery token.
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["workspaceId"] = northwindId,
            ["__RequestVerificationToken"] = await rep.AntiforgeryTokenAsync(page),
        });
        var response = await rep.PostAsync(new Uri("/workspaces/switch", UriKind.Relative), forged);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Demo Company", (await rep.GetDocumentAsync(page)).QuerySelector(".ld-workspace-name")?.TextContent);
    }

    [Fact]
    public async Task Switching_WithAnUnknownOrMalformedId_IsRejected()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var page = SeededData.StaticPage;

        var unknown = await client.SubmitFormAsync(page, new() { ["workspaceId"] = Guid.NewGuid().ToString() }, Switcher);
        var malformed = await client.SubmitFormAsync(page, new() { ["workspaceId"] = "'; drop table leads; --" }, Switcher);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Theory]
    [InlineData("/workspaces/switch")]
    [InlineData("/account/signout")]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRejected(string url)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["workspaceId"] = Guid.NewGuid().ToString() });

        var response = await client.PostAsync(new Uri(url, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.SubmitFormAsync(SeededData.StaticPage, [], "form[action='/account/signout']");

        Assert.Equal("/account/signin?signedOut=true", response.RedirectPath());
        var page = await client.GetDocumentAsync("/account/signin?signedOut=true");
        Assert.Contains("You have signed out.", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private static string? OpenLeads(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("[data-testid=stat-open] .ld-figure-value")?.TextContent;
}
