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

/// <summary>/leads/{id}: the overview tab as a page and as a fragment, and the forms on the header and the overview.</summary>
public sealed class LeadPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    // The other tabs are interactive components, tested alone with bUnit (Web/Circuits/LeadTabs).
    public static TheoryData<string, string> TabsWithContent => new()
    {
        { "overview", "#lead-company[value='Worked Co']" },
    };

    [Theory]
    [MemberData(nameof(TabsWithContent))]
    public async Task LeadPage_EachTab_RendersWithItsContent(string tab, string content)
    {
        var (lead, name) = await WorkedLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync($"/leads/{lead}?tab={tab}");

        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Equal(tab, page.QuerySelector("section.ld-tab-panel")?.GetAttribute("data-tab"));
        Assert.Equal(tab, page.QuerySelector("a.ld-tab[aria-current=page]")?.GetAttribute("data-tab"));
        Assert.NotNull(page.QuerySelector($"section.ld-tab-panel {content}"));
    }

    [Theory]
    [MemberData(nameof(TabsWithContent))]
    public async Task TabFragment_ReturnsOnlyTheTabs_WithTheTabsContent(string tab, string content)
    {
        var (lead, _) = await WorkedLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{lead}/tabs/{tab}", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await response.ParseAsync();
        Assert.Equal(["lead-tab"], fragment.Body!.Children.Select(c => c.Id));
        Assert.Null(fragment.QuerySelector("header.ld-topbar"));
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Equal(tab, fragment.QuerySelector("section.ld-tab-panel")?.GetAttribute("data-tab"));
        Assert.NotNull(fragment.QuerySelector($"section.ld-tab-panel {content}"));
        Assert.Equal($"/leads/{lead}/tabs/{tab}", fragment.QuerySelector($"a.ld-tab[data-tab={tab}]")?.GetAttribute("hx-get"));
    }

    [Theory]
    [InlineData("?tab=nope")]
    [InlineData("?tab=")]
    [InlineData("?tab=OVERVIEW")]
    [InlineData("")]
    public async Task LeadPage_WithAnUnknownTab_ShowsTheOverview(string query)
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync($"/leads/{lead}{query}");
        var fragment = await (await client.FetchAsync($"/leads/{lead}/tabs/nope", htmx: true)).ParseAsync();

        Assert.Equal("overview", page.QuerySelector("section.ld-tab-panel")?.GetAttribute("data-tab"));
        Assert.Equal("overview", fragment.QuerySelector("section.ld-tab-panel")?.GetAttribute("data-tab"));
    }

    [Fact]
    public async Task Overview_SavesAChange()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}", "lead-edit", ("Input.Company", "Renamed Co"), ("Input.Score", "77"), ("Input.Priority", "Critical"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/leads/{lead}", response.RedirectPath());
        Assert.Equal("s:Changes saved.", response.Toast());
        var saved = await app.LeadAsync(lead);
        Assert.Equal(("Renamed Co", 77, true, LeadPriority.Critical), (saved.Company, saved.Score, saved.ScoreIsManual, saved.Priority));
        Assert.StartsWith("Lead", saved.FirstName, StringComparison.Ordinal); // the untouched fields went back as they were
        Assert.Equal("Website", saved.Source);
    }

    [Fact]
    public async Task Overview_StaleSave_ShowsTheConflict_AndOverwritesNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var page = await client.GetDocumentAsync($"/leads/{lead}");
        var loadedVersion = (await app.LeadAsync(lead)).Version;
        await using (var manager = await app.ScopeAsync(email: LeadDeskAppFactory.Manager))
        {
            var leads = manager.Get<LeadService>();
            var current = await leads.GetAsync(lead);
            await leads.UpdateAsync(lead, new LeadInput { FirstName = current.FirstName, LastName = current.LastName, Email = current.Email, Company = "Their Co", Source = current.Source }, current.Version);
        }

        var response = await client.PostAsync(page.FormNamed("lead-edit"), $"/leads/{lead}", ("Input.Company", "My Co"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.ParseAsync();
        var conflict = after.QuerySelector("[data-testid=conflict]")?.TextContent;
        Assert.Contains("Company", conflict, StringComparison.Ordinal);
        Assert.Contains("My Co", conflict, StringComparison.Ordinal);
        var managerId = await app.UserIdAsync(LeadDeskAppFactory.Manager);
        var managerName = await app.QueryAsync(db => db.Users.Where(u => u.Id == managerId).Select(u => u.DisplayName).SingleAsync());
        Assert.Contains($"{managerName} saved this lead while you were editing it", conflict, StringComparison.Ordinal);
        var saved = await app.LeadAsync(lead);
        Assert.Equal("Their Co", saved.Company);
        Assert.Equal(loadedVersion + 1, saved.Version);
        Assert.Equal("Their Co", after.QuerySelector("#lead-company")?.GetAttribute("value"));
        Assert.Equal($"{saved.Version}", after.QuerySelector("input[name='Input.Version']")?.GetAttribute("value"));
        Assert.Null(response.Toast());
    }

    [Fact]
    public async Task Overview_AfterAConflict_SavingAgainFromTheFreshForm_Works()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var stale = await client.GetDocumentAsync($"/leads/{lead}");
        await client.SubmitAsync($"/leads/{lead}", "lead-edit", ("Input.Title", "CTO"));
        var conflict = await (await client.PostAsync(stale.FormNamed("lead-edit"), $"/leads/{lead}", ("Input.Company", "Mine"))).ParseAsync();

        var response = await client.PostAsync(conflict.FormNamed("lead-edit"), $"/leads/{lead}", ("Input.Company", "Mine"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.LeadAsync(lead);
        Assert.Equal(("Mine", "CTO"), (saved.Company, saved.Title));
    }

    [Fact]
    public async Task Overview_WithABadEmail_ShowsTheMessage_AndSavesNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var before = await app.LeadAsync(lead);

        var response = await client.SubmitAsync($"/leads/{lead}", "lead-edit", ("Input.Email", "ana@"), ("Input.Company", "Not Saved"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Enter a valid email address", page.QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("ana@", page.QuerySelector("#lead-email")?.GetAttribute("value"));
        var after = await app.LeadAsync(lead);
        Assert.Equal((before.Version, before.Company, before.Email), (after.Version, after.Company, after.Email));
    }

    [Fact]
    public async Task Disqualify_WithoutAReason_IsRefused_WithTheMessageNextToTheField()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}", "lead-disqualify", ("Disqualify.Reason", ""), ("Disqualify.Notes", "They went quiet"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var reason = page.QuerySelector("#disqualify-reason")!;
        Assert.Contains("is-invalid", reason.ClassList);
        Assert.StartsWith("Choose a reason", reason.ParentElement?.QuerySelector(".invalid-feedback")?.TextContent, StringComparison.Ordinal);
        Assert.True(reason.Closest("details")?.HasAttribute("open"), "the disqualify panel stays open");
        Assert.Equal("They went quiet", page.QuerySelector("#disqualify-notes")?.TextContent);
        Assert.Equal(LeadStatus.Open, (await app.LeadAsync(lead)).Status);
    }

    [Fact]
    public async Task Disqualify_WithAReason_DisqualifiesTheLead()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}", "lead-disqualify", ("Disqualify.Reason", "no_budget"), ("Disqualify.Notes", "Next year maybe"));

        Assert.Equal($"/leads/{lead}", response.RedirectPath());
        var saved = await app.LeadAsync(lead);
        Assert.Equal((LeadStatus.Disqualified, "no_budget", "Next year maybe"), (saved.Status, saved.DisqualificationReason, saved.DisqualificationNotes));
        var page = await client.GetDocumentAsync($"/leads/{lead}");
        Assert.Equal("Disqualified", page.QuerySelector("[data-testid=lead-status]")?.TextContent);
        Assert.True(page.HasFormNamed("lead-reopen"));
        Assert.False(page.HasFormNamed("lead-disqualify"));
    }

    [Fact]
    public async Task Delete_IsNotOfferedToASalesRep_AndTheirForgedPostDeletesNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var page = await client.GetDocumentAsync($"/leads/{lead}");

        var forged = await client.PostAsync(page.FormNamed("lead-disqualify"), $"/leads/{lead}", ("_handler", "lead-delete"));

        Assert.False(page.HasFormNamed("lead-delete"));
        // The page renders no delete form for a rep, so the post names a form that is not there: refused before any handler
        // runs (LeadServiceTests prove the service refuses a rep's delete on its own).
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False((await app.LeadAsync(lead)).IsDeleted);
    }

    [Fact]
    public async Task Delete_ByAManager_MovesTheLeadToTheTrash_WhereItCanBeRestored()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var deleted = await client.SubmitAsync($"/leads/{lead}", "lead-delete");
        var trashed = await client.GetDocumentAsync($"/leads/{lead}");
        var restored = await client.PostAsync(trashed.FormNamed("lead-restore"), $"/leads/{lead}");

        Assert.Equal("/leads", deleted.RedirectPath());
        Assert.Contains("is in the trash", trashed.QuerySelector(".ld-lead-header [role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(trashed.QuerySelectorAll("button"), button => button.TextContent.Contains("Save changes", StringComparison.Ordinal));
        Assert.Equal($"/leads/{lead}", restored.RedirectPath());
        Assert.False((await app.LeadAsync(lead)).IsDeleted);
    }

    [Fact]
    public async Task Delete_ItsToastWaitsForTheListsFullLoad_NotTheBoostedRequestLeaddeskJsThrowsAway()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        await client.SubmitAsync($"/leads/{lead}", "lead-delete");

        using var boosted = new HttpRequestMessage(HttpMethod.Get, new Uri("/leads", UriKind.Relative));
        boosted.Headers.Add("HX-Request", "true");
        boosted.Headers.Add("HX-Boosted", "true");
        var thrownAway = await client.SendAsync(boosted);
        var loaded = await client.FetchAsync("/leads");

        Assert.False(Deletes(thrownAway), "the boosted request for the interactive list leaves the toast");
        Assert.True(Deletes(loaded), "the full load takes it, to show it as a snackbar");

        static bool Deletes(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ld.toast=;", StringComparison.Ordinal));
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
