using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>A missing lead asked for by a static page's htmx boost still gets the whole not-found page. (A lead in the trash offering no changes: the tabs' bUnit tests.)</summary>
public sealed class LeadPageGuardTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task ABoostedPageOfSomethingMissing_StillGetsTheNotFoundPage()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/leads/{Guid.NewGuid()}", UriKind.Relative));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Boosted", "true");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
