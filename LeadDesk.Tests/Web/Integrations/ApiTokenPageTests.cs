using System.Net;
using System.Net.Http.Headers;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;

namespace LeadDesk.Tests.Web.Integrations;

public sealed class ApiTokenPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private static async Task<HttpStatusCode> CallApiAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads?limit=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task AnAdmin_CreatesAToken_SeesItOnce_ThenRevokesIt()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var name = SeededData.Unique("Website");

        var created = await admin.SubmitAsync("/settings/api-tokens", "token-create", ("name", name), ("scopes", "leads:read"));
        var page = await created.ParseAsync();
        var secret = page.QuerySelector("[data-testid=new-token] input")?.GetAttribute("value") ?? "";
        var again = await admin.GetDocumentAsync("/settings/api-tokens");
        var row = again.QuerySelectorAll("tr[data-token-id]").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        var works = await CallApiAsync(app.CreateClient(), secret);

        Assert.StartsWith("ld_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 35);
        Assert.DoesNotContain(secret, again.Body!.InnerHtml, StringComparison.Ordinal); // shown once
        Assert.Contains(secret[..11], row.TextContent, StringComparison.Ordinal);      // its prefix stays
        Assert.Equal(HttpStatusCode.OK, works);

        var revoked = await admin.SubmitAsync("/settings/api-tokens", $"token-revoke-{row.GetAttribute("data-token-id")}");
        var after = await admin.GetDocumentAsync("/settings/api-tokens");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("Revoked", after.QuerySelector($"tr[data-token-id='{row.GetAttribute("data-token-id")}'] [data-testid=token-status]")?.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallApiAsync(app.CreateClient(), secret));
    }

    [Fact]
    public async Task ATokenWithoutAName_IsRefusedWithTheReason()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await admin.SubmitAsync("/settings/api-tokens", "token-create", ("name", ""), ("scopes", "leads:read"));

        var page = await response.ParseAsync();
        Assert.Contains("Give the token a name", page.QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=new-token]"));
    }

    [Fact]
    public async Task AManager_CannotOpenTheTokensPage()
    {
        var manager = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await manager.GetAsync(new Uri("/settings/api-tokens", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.RedirectPath(), StringComparison.Ordinal);
    }
}
