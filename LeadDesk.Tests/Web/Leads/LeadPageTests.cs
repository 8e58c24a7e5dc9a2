using System.Net;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// /leads/{id} as a request answers it: the prerendered page (header, the tab in the URL, that tab's content) and 404s.
/// What users do on it is tested on the interactive page with bUnit (Web/Circuits/LeadPageTests, LeadOverviewTests, LeadTabs).
/// </summary>
public sealed class LeadPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("", "Overview", "#lead-company[value='Worked Co']")]
    [InlineData("?tab=nope", "Overview", "#lead-company[value='Worked Co']")]
    [InlineData("?tab=notes", "Notes", ".ld-note-body")]
    [InlineData("?tab=history", "History", "[data-testid=history-field]")]
    public async Task ThePrerenderedPage_ShowsTheLeadAndTheTabInItsUrl_WithItsContent(string query, string tab, string content)
    {
        var (lead, name) = await WorkedLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync($"/leads/{lead}{query}");

        Assert.Equal(name, page.QuerySelector(".ld-lead-header h1")?.TextContent.Trim());
        Assert.Equal(tab, page.QuerySelector(".mud-tab.mud-tab-active")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($".ld-lead-tabs {content}"));
    }

    [Fact]
    public async Task LeadPage_ForAnUnknownId_IsNotFound()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await client.FetchAsync($"/leads/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await response.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    /// <summary>A lead with something on every tab: a note, a colleague on the team, a product line, a change in its history.</summary>
    private async Task<(Guid Id, string Name)> WorkedLeadAsync()
    {
        var lead = await app.CreateLeadAsync(configure: l => l.Company = "Worked Co");
        var otherRep = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        await using var manager = await app.ScopeAsync(email: LeadDeskAppFactory.Manager);
        await manager.Get<NoteService>().AddAsync(lead, "First call went well.");
        await manager.Get<TeamService>().AddAsync(lead, otherRep, "sales_rep");
        var product = (await manager.Get<ProductService>().CatalogAsync())[0];
        await manager.Get<ProductService>().AddAsync(lead, new ProductLineInput(product.Id, 2, null, 0));
        var details = await manager.Get<LeadService>().GetAsync(lead);
        await manager.Get<LeadService>().UpdateAsync(lead, new LeadInput
        {
            FirstName = details.FirstName, LastName = details.LastName, Email = details.Email, Company = details.Company, Source = details.Source, Priority = LeadPriority.High,
        }, details.Version);
        return (lead, details.FullName);
    }
}
