using AngleSharp.Html.Dom;
using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// A lead of another workspace, asked for by id from the demo workspace (by its admin, who is a member of both): every
/// page, tab, fragment and post answers 404 and says nothing about it. An id that exists nowhere answers the same.
/// </summary>
public sealed class LeadWorkspaceIsolationTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private const string SecretNote = "Northwind's secret pricing note";

    public static TheoryData<string> LeadUrls => new()
    {
        "/leads/{id}",
        "/leads/{id}?tab=overview",
        "/leads/{id}?tab=notes",
        "/leads/{id}?tab=activities",
        "/leads/{id}?tab=team",
        "/leads/{id}?tab=products",
        "/leads/{id}?tab=history",
        "/leads/{id}?tab=documents",
        "/leads/{id}/tabs/overview",
        "/leads/{id}/tabs/notes",
        "/leads/{id}/tabs/activities",
        "/leads/{id}/tabs/team",
        "/leads/{id}/tabs/products",
        "/leads/{id}/tabs/history",
        "/leads/{id}/tabs/documents",
        "/leads/{id}/tabs/nope",
        "/leads/{id}/move",
        "/leads/{id}/move?returnUrl=/board",
        "/leads/{id}/documents/" + "0193aaaa-0000-7000-8000-000000000001",
    };

    [Theory]
    [MemberData(nameof(LeadUrls))]
    public async Task AnotherWorkspacesLead_IsNotFound_AndRevealsNothing(string url)
    {
        var (id, secrets) = await NorthwindLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var page = await client.FetchAsync(url.Replace("{id}", $"{id}", StringComparison.Ordinal));

        Browser.AssertNotFound(page, await page.Content.ReadAsStringAsync(), secrets);
    }

    [Theory]
    [MemberData(nameof(LeadUrls))]
    public async Task AnUnknownLead_IsNotFound(string url)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync(url.Replace("{id}", $"{Guid.NewGuid()}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesLead_IsNotFound_ForAMemberOfOnlyThisWorkspace()
    {
        var (id, secrets) = await NorthwindLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{id}?tab=notes");

        Browser.AssertNotFound(response, await response.Content.ReadAsStringAsync(), secrets);
        Assert.Equal("Page not found", (await response.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task FormPosts_ToAnotherWorkspacesLead_AreRefused_AndWriteNothing()
    {
        var (id, secrets) = await NorthwindLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var signOut = (IHtmlFormElement)(await client.GetDocumentAsync(SeededData.StaticPage)).QuerySelector("form[action='/account/signout']")!; // for its antiforgery token
        var before = await app.LeadAsync(id, Northwind);
        var theirStage = await app.StageAsync("contacted", Northwind);

        // The lead page takes no form posts (it is interactive); what the static pages once posted is refused whole.
        var edit = await client.PostToAsync($"/leads/{id}", signOut, ("_handler", "lead-edit"), ("Input.Company", "Planted Co"));
        var move = await client.PostToAsync($"/leads/{id}/move", signOut, ("stageId", $"{theirStage.Id}"));

        Assert.True((int)edit.StatusCode is >= 400 and < 500, $"edit answered {edit.StatusCode}");
        Assert.DoesNotContain(secrets[0], await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Browser.AssertNotFound(move, await move.Content.ReadAsStringAsync(), secrets);
        var after = await app.LeadAsync(id, Northwind);
        Assert.Equal((before.Version, before.Company, before.StageId), (after.Version, after.Company, after.StageId));
        Assert.Equal([SecretNote], await app.QueryAsync(db => db.LeadNotes.Where(n => n.LeadId == id).Select(n => n.Body).ToListAsync(), Northwind));
    }

    [Fact]
    public async Task ThePrerenderedBoard_DoesNotShowAnotherWorkspacesLead()
    {
        var (id, _) = await NorthwindLeadAsync();
        var lead = await app.LeadAsync(id, Northwind);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var board = await client.GetDocumentAsync($"/board?q={lead.FirstName}");

        Assert.All(board.QuerySelectorAll("[data-testid=column-count]"), count => Assert.Equal("0", count.TextContent));
    }

    /// <summary>A northwind lead with a unique name, email and company, and a note: all things that must not leak.</summary>
    private async Task<(Guid Id, string[] Secrets)> NorthwindLeadAsync()
    {
        var company = Unique("Hushco");
        var id = await app.CreateLeadAsync(Northwind, configure: l =>
        {
            l.LastName = Unique("Secretson");
            l.Company = company;
        });
        await using (var admin = await app.ScopeAsync(Northwind, LeadDeskAppFactory.Admin))
        {
            await admin.Get<NoteService>().AddAsync(id, SecretNote);
        }
        var lead = await app.LeadAsync(id, Northwind);
        return (id, [lead.FirstName, lead.LastName, lead.Email!, company, SecretNote]);
    }
}
