using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// /leads/new over HTTP: who gets the page, and what the server prerenders before the circuit starts. What the page does
/// once interactive is tested with bUnit (Circuits/NewLeadPageTests).
/// </summary>
public sealed class NewLeadPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private const string Url = "/leads/new";

    [Fact]
    public async Task WithoutSignIn_AsksForSignIn_AndComesBack()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri(Url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/signin?ReturnUrl={Uri.EscapeDataString(Url)}", response.RedirectPath(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThePrerenderedPage_IsTheInteractiveFormInTheAppShell_WithTheWorkspacesChoices()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync(Url);

        Assert.Equal("New lead", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".mud-layout")); // AppLayout, not the static MainLayout
        Assert.Null(page.QuerySelector("header.ld-topbar"));
        Assert.Equal(["lead-first", "lead-last", "lead-email", "lead-phone", "lead-company", "lead-title"],
            page.QuerySelectorAll("input[id^=lead-]").Select(i => i.Id).Take(6));
        Assert.Null(page.QuerySelector("[hx-get]"));
    }

    [Fact]
    public async Task TheOldDuplicatesFragment_IsGone()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.GetAsync(new Uri("/leads/duplicates?Input.Email=a%40example.com", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
