using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>What a page must not offer or reveal: changes to a lead in the trash, the trash to a rep, error pages inside fragments.</summary>
public sealed class LeadPageGuardTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("notes", "note-add")]
    [InlineData("activities", "activity-log")]
    [InlineData("team", "team-add")]
    public async Task ALeadInTheTrash_OffersNoFormsToChangeIt(string tab, string form)
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var live = await client.GetDocumentAsync($"/leads/{lead}?tab={tab}");
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Manager))
        {
            await scope.Get<LeadService>().DeleteAsync(lead);
        }

        var trashed = await client.GetDocumentAsync($"/leads/{lead}?tab={tab}");

        Assert.True(live.HasFormNamed(form));
        Assert.False(trashed.HasFormNamed(form));
    }

    [Fact]
    public async Task ALeadInTheTrash_OffersNoUpload()
    {
        var lead = await app.CreateLeadAsync();
        await using (var scope = await app.ScopeAsync())
        {
            await scope.Get<LeadService>().DeleteAsync(lead);
        }
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync($"/leads/{lead}?tab=documents");

        Assert.Null(page.QuerySelector("input[type=file]"));
    }

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
