using System.Globalization;
using System.Net;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Web;

public sealed class AppShellTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task Dashboard_ShowsTheWorkspacesRealCountsPerStage()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/");

        var expected = await OpenLeadsPerStageAsync(DemoSeeder.DemoSlug);
        var shown = page.QuerySelectorAll("tr[data-stage]").ToDictionary(
            row => row.GetAttribute("data-stage")!,
            row => int.Parse(row.QuerySelector("[data-testid=stage-count]")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(["new", "contacted", "qualified", "proposal", "negotiation"], shown.Keys);
        Assert.Equal(expected, shown);
        Assert.True(shown.Values.Sum() > 0);
    }

    [Fact]
    public async Task Pages_HaveLandmarksLabelsAndTheNavigation()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var page = await client.GetDocumentAsync("/leads"); // the interactive shell, as prerendered

        Assert.NotNull(page.QuerySelector("header.mud-appbar"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.NotNull(page.QuerySelector("a.ld-app-skip-link[href='#main']"));
        Assert.Null(page.Body?.GetAttribute("hx-boost"));
        Assert.Equal(["/", "/board", "/leads", "/settings"], page.QuerySelectorAll("nav[aria-label=Main] a").Select(a => a.GetAttribute("href")));
        Assert.Contains("active", page.QuerySelector("nav[aria-label=Main] a[href='/leads']")!.ClassList);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri("/account/signin", UriKind.Relative));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var page = await response.ParseAsync();
        Assert.All(page.QuerySelectorAll("script"), script => Assert.False(string.IsNullOrEmpty(script.GetAttribute("src")), "no inline script"));
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndSameSite()
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.Admin, ["Input.Password"] = LeadDeskAppFactory.Password });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ld.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase_ForEveryNodeToShare()
    {
        await app.SignedInAsync(LeadDeskAppFactory.Admin);

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().DataProtectionKeys.ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("<key ", key.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownUrls_ShowTheNotFoundPage()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await response.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task UnknownUrls_WithoutSignIn_RevealNothing_AndAskForSignIn()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.RedirectPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ChecksTheDatabase()
    {
        var response = await app.CreateBrowser().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, int>> OpenLeadsPerStageAsync(string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(null, workspaceId, WorkspaceRole.Admin);
        var counts = await db.Leads.Where(l => l.Status == LeadStatus.Open).GroupBy(l => l.StageId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return await db.Stages.OrderBy(s => s.SortOrder)
            .ToDictionaryAsync(s => s.Key, s => counts.GetValueOrDefault(s.Id));
    }
}
