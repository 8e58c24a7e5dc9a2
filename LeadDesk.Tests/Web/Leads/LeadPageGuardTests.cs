using System.Net;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>What a page must not reveal: error pages inside fragments. (A lead in the trash offering no changes: the tabs' bUnit tests.)</summary>
public sealed class LeadPageGuardTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("/leads/{0}/tabs/notes")]
    public async Task AFragmentOfSomethingMissing_AnswersPlainText_AndAsksHtmxToSwapNothing(string url)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        using var response = await client.FetchAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Guid.NewGuid()), htmx: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("none", response.Headers.GetValues("HX-Reswap").Single());
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

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
