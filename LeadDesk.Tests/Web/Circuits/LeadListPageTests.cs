using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>
/// The interactive lead list (/leads): the grid's rows and total, every filter, sort and page of its URL, forgiving parsing,
/// filters and sorting written back to the URL, the trash, and the bulk actions behind their confirmation.
/// </summary>
public sealed partial class LeadListPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The seeded list's leads in its default order (newest first).</summary>
    private static readonly string[] Newest =
        ["Charlie Miller", "Bravo Adams", "Alpha Zimmer", "Delta Brown", "Echo Clark", "Foxtrot Davis", "Golf Evans", "Hotel O'Brien"];

    private CoreFixture Fixture => database.Fixture;

    // ---- What the list shows -------------------------------------------------------------------------------------

    [Fact]
    public async Task TheList_ShowsTheWorkspacesLeads_NewestFirst_WithTheirTotal_AndNeverAnotherWorkspacesLeads()
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, "/leads");

        Assert.Equal(Newest, Names(page));
        Assert.Equal("8 leads · page 1 of 1", Total(page));
        Assert.DoesNotContain(seed.ForeignLead, RowIds(page));
        Assert.Equal(await QueryAsync(seed.Workspace, db => db.Leads.OrderByDescending(l => l.CreatedAt).Select(l => l.Id).ToListAsync()), RowIds(page));
        Assert.Equal(["Unassigned", "sam", "rep", "Unassigned", "rep", "sam", "Unassigned", "Unassigned"], Column(page, "Owner"));
        Assert.Equal(["New", "Qualified", "New", "New", "Qualified", "New", "New", "New"], Stages(page));
        Assert.Equal(["Converted", "Disqualified", "Open", "Open", "Open", "Open", "Open", "Open"], Statuses(page));
        Assert.Equal("Leads", page.Find("h1").TextContent.Trim());
        var alpha = page.FindAll("a.ld-lead-link").Single(a => a.TextContent.Trim() == "Alpha Zimmer");
        Assert.Equal($"/leads/{seed.Leads["Alpha"]}", alpha.GetAttribute("href"));
    }

    [Theory]
    [InlineData("q=ZIMMER", new[] { "Alpha Zimmer" })]
    [InlineData("stage={second}", new[] { "Bravo Adams", "Echo Clark" })]
    [InlineData("owner=me", new[] { "Alpha Zimmer", "Echo Clark" })]
    [InlineData("owner=none", new[] { "Charlie Miller", "Delta Brown", "Golf Evans", "Hotel O'Brien" })]
    [InlineData("owner={sam}", new[] { "Bravo Adams", "Foxtrot Davis" })]
    [InlineData("priority=HIGH", new[] { "Alpha Zimmer" })]
    [InlineData("source=Referral", new[] { "Alpha Zimmer", "Delta Brown" })]
    [InlineData("status=disqualified", new[] { "Bravo Adams" })]
    [InlineData("status=converted", new[] { "Charlie Miller" })]
    [InlineData("scoreMin=40&scoreMax=60", new[] { "Charlie Miller", "Bravo Adams", "Hotel O'Brien" })]
    [InlineData("from=2026-10-01&to=2026-10-31", new[] { "Bravo Adams", "Alpha Zimmer" })]
    [InlineData("owner=none&scoreMin=50", new[] { "Charlie Miller", "Hotel O'Brien" })]
    public async Task AFilterInTheUrl_ShowsOnlyTheLeadsItMatches_WithTheirTotal(string query, string[] expected)
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Rep, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, "/leads?" + query.Replace("{second}", $"{seed.Workspace.SecondStageId}", StringComparison.Ordinal)
            .Replace("{sam}", $"{seed.Sam}", StringComparison.Ordinal));

        Wait(page, () => Assert.Equal(expected, Names(page)));
        Assert.Equal($"{Count(expected.Length)} · page 1 of 1", Total(page));
    }

    [Fact]
    public async Task TheRowsOfAFilter_ShowWhatTheyWereFilteredOn()
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var disqualified = await RenderListAsync(context, "/leads?status=disqualified");
        var (stages, statuses) = (Stages(disqualified), Statuses(disqualified));
        var high = await RenderListAsync(context, "/leads?priority=high&owner=me");

        Assert.Equal(["Qualified"], stages);
        Assert.Equal(["Disqualified"], statuses);
        Assert.Empty(Names(high)); // the manager owns none
        Assert.Equal("No leads match these filters", high.Find("[data-testid=no-leads] h2").TextContent.Trim());
        var repOwned = await RenderListAsync(context, $"/leads?owner={seed.Rep}&sort=score");
        Assert.Equal(["Echo Clark", "Alpha Zimmer"], Names(repOwned));
        Assert.Equal(["rep", "rep"], Column(repOwned, "Owner"));
        Assert.Equal(["90", "70"], Column(repOwned, "Score"));
        Assert.Equal(["Medium", "High"], Column(repOwned, "Priority"));
    }

    [Fact]
    public async Task TheFiltersOfTheUrl_AreShownInTheFilterControls()
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?q=adams&stage={seed.Workspace.SecondStageId}&status=disqualified&priority=low&from=2026-10-01&scoreMin=30");

        Wait(page, () => Assert.Equal(["Bravo Adams"], Names(page)));
        Assert.Equal("adams", page.Find("input[data-filter=q]").GetAttribute("value"));
        Assert.Equal("Qualified", page.Find("input[data-filter=stage]").GetAttribute("value"));
        Assert.Equal("Disqualified", page.Find("input[data-filter=status]").GetAttribute("value"));
        Assert.Equal("Low", page.Find("input[data-filter=priority]").GetAttribute("value")); // the more filters start open
        Assert.Equal("2026-10-01", page.Find("input[data-filter=from]").GetAttribute("value"));
        Assert.Equal("30", page.Find("input[data-filter=scoreMin]").GetAttribute("value"));
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Clear filters");
    }

    [Theory]
    [InlineData("sort=name&dir=asc", "Name", "ascending",
        new[] { "Bravo Adams", "Delta Brown", "Echo Clark", "Foxtrot Davis", "Golf Evans", "Charlie Miller", "Hotel O'Brien", "Alpha Zimmer" })]
    [InlineData("sort=score&dir=asc", "Score", "ascending",
        new[] { "Delta Brown", "Foxtrot Davis", "Golf Evans", "Bravo Adams", "Charlie Miller", "Hotel O'Brien", "Alpha Zimmer", "Echo Clark" })]
    [InlineData("sort=score&dir=desc", "Score", "descending",
        new[] { "Echo Clark", "Alpha Zimmer", "Hotel O'Brien", "Charlie Miller", "Bravo Adams", "Golf Evans", "Foxtrot Davis", "Delta Brown" })]
    public async Task TheSortInTheUrl_OrdersTheRows_AndMarksItsColumn(string query, string column, string direction, string[] expected)
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?{query}");

        Wait(page, () => Assert.Equal(expected, Names(page)));
        var sorted = Assert.Single(page.FindAll("[data-testid=lead-grid] th[aria-sort]"));
        Assert.Equal(column, sorted.TextContent.Trim());
        Assert.Equal(direction, sorted.GetAttribute("aria-sort"));
        if (column == "Score")
        {
            var scores = Column(page, "Score").Select(int.Parse).ToList();
            Assert.Equal(direction == "ascending" ? scores.Order() : scores.OrderDescending(), scores);
        }
    }

    [Fact]
    public async Task ThePageAndSizeInTheUrl_ShowThatSliceOfTheDefaultOrder()
    {
        var seed = await PagingSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, "/leads?size=25&page=2");

        var expected = await QueryAsync(seed.Workspace, db => db.Leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip(25).Take(25).Select(l => l.Id).ToListAsync());
        Wait(page, () => Assert.Equal(expected, RowIds(page)));
        Assert.Equal("60 leads · page 2 of 3", Total(page));
        Assert.Equal("26-50 of 60", PagerCaption(page));
        Assert.Equal("25", page.Find(".mud-table-pagination-select .mud-select-input[role=combobox]").TextContent.Trim());
        Assert.Equal("http://localhost/leads?size=25&page=2", Url(context)); // already what it shows: not rewritten
    }

    [Fact]
    public async Task APageBeyondTheLast_ShowsTheLastPage()
    {
        var seed = await PagingSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, "/leads?size=25&page=999");

        var expected = await QueryAsync(seed.Workspace, db => db.Leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip(50).Select(l => l.Id).ToListAsync());
        Wait(page, () => Assert.Equal(expected, RowIds(page)));
        Assert.Equal(10, expected.Count);
        Assert.Equal("60 leads · page 3 of 3", Total(page));
        // The pager agrees with the rows: on the last page, with the way back open and none further.
        Wait(page, () => Assert.Equal("51-60 of 60", PagerCaption(page)));
        Assert.False(PagerButton(page, "Previous page").HasAttribute("disabled"));
        Assert.True(PagerButton(page, "Next page").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("priority=banana")]
    [InlineData("priority=99")]
    [InlineData("priority=high,low")]
    [InlineData("stage=not-a-guid")]
    [InlineData("page=-5")]
    [InlineData("size=7")]
    [InlineData("size=-1&page=99999999999")]
    [InlineData("from=2026-13-45")]
    [InlineData("to=yesterday&from=")]
    [InlineData("owner=somebody")]
    [InlineData("scoreMin=abc&scoreMax=1e9")]
    [InlineData("sort=drop-table&dir=sideways")]
    [InlineData("status=42")]
    [InlineData("pipeline=%27%3B--&view=everything")]
    public async Task GarbageInTheUrl_IsIgnored_AndTheWholeListShows(string query)
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?{query}");

        Wait(page, () => Assert.Equal(Newest, Names(page)));
        Assert.Equal("8 leads · page 1 of 1", Total(page));
        Assert.Equal("Leads", page.Find("h1").TextContent.Trim());
    }

    [Theory]
    [InlineData("to=9999-12-31", 8)]
    [InlineData("from=0001-01-01", 8)]
    [InlineData("from=9999-12-31&to=0001-01-01", 0)]
    [InlineData("page=2147483647&size=200", 8)]
    [InlineData("scoreMin=100&scoreMax=0", 0)]
    [InlineData("sort=value&dir=asc", 8)]
    [InlineData("sort=company", 8)]
    [InlineData("sort=updated&dir=asc", 8)]
    public async Task ExtremeButValidValuesInTheUrl_AreServed(string query, int expected)
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?{query}");

        Wait(page, () => Assert.Equal(expected, RowIds(page).Count));
        Assert.Equal(expected == 0 ? "0 leads" : $"{Count(expected)} · page 1 of 1", Total(page));
        if (expected == 0)
        {
            Assert.Equal("No leads match these filters", page.Find("[data-testid=no-leads] h2").TextContent.Trim());
        }
    }

    [Theory]
    [InlineData("%", "Echo Clark")]
    [InlineData("_", "Foxtrot Davis")]
    [InlineData("\\", "Golf Evans")]
    [InlineData("o'brien", "Hotel O'Brien")]
    [InlineData("\"quoted\"", "Hotel O'Brien")]
    [InlineData("' or 1=1 --", null)]
    public async Task SearchingForWildcardsOrQuotes_MatchesThemLiterally(string term, string? expected)
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?q={Uri.EscapeDataString(term)}");

        Wait(page, () => Assert.Equal(expected is null ? Array.Empty<string>() : [expected], Names(page)));
        Assert.Equal(expected is null ? "0 leads" : "1 lead · page 1 of 1", Total(page));
        Assert.Equal(term, page.Find("input[data-filter=q]").GetAttribute("value"));
    }

    [Fact]
    public async Task ATooLongSearch_IsCutTo200Characters()
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);

        var page = await RenderListAsync(context, $"/leads?q={new string('x', 5000)}");

        Assert.Equal("0 leads", Total(page));
        Assert.Equal(new string('x', 200), page.Find("input[data-filter=q]").GetAttribute("value"));
    }

    // ---- The URL follows the page ----------------------------------------------------------------------------------

    [Fact]
    public async Task TypingASearch_IsANewUrl_BackOnPage1_KeepingTheSortAndSize_AndBackReturnsToTheEarlierPage()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var leads = await TestData.ManyLeadsAsync(Fixture, acme, 30, acme.FirstStageId);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var page = await RenderListAsync(context, "/leads?sort=name&dir=asc&page=2&size=25");
        var earlier = navigation.Uri;
        var before = Names(page);
        await SelectAsync(page, leads[27]);

        await page.Find("input[data-filter=q]").InputAsync(new ChangeEventArgs { Value = "  bulk002 " }); // applied after a pause in typing

        Wait(page, () => Assert.Equal(Enumerable.Range(20, 10).Select(i => $"Bulk{i:D4} Tester"), Names(page)));
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"Bulk{i:D4} Tester"), before);
        Assert.Equal("http://localhost/leads?q=bulk002&sort=name&dir=asc&size=25", navigation.Uri);
        Assert.Equal("ascending", page.Find("[data-testid=lead-grid] th[aria-sort]").GetAttribute("aria-sort"));
        AssertNothingSelected(page, "10 leads · page 1 of 1"); // a new list, a new selection
        navigation.NavigateTo(earlier);
        Wait(page, () => Assert.Equal(before, Names(page)));
        Assert.Equal("30 leads · page 2 of 2", Total(page));
        Assert.Null(page.Find("input[data-filter=q]").GetAttribute("value"));
    }

    [Fact]
    public async Task ThePager_WritesThePageToTheUrl()
    {
        var seed = await PagingSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);
        var page = await RenderListAsync(context, "/leads?size=25");

        await PagerButton(page, "Next page").ClickAsync(new MouseEventArgs());

        var expected = await QueryAsync(seed.Workspace, db => db.Leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip(25).Take(25).Select(l => l.Id).ToListAsync());
        Wait(page, () => Assert.Equal(expected, RowIds(page)));
        Assert.Equal("http://localhost/leads?page=2&size=25", Url(context));
        Assert.Equal("60 leads · page 2 of 3", Total(page));
        Assert.Equal("26-50 of 60", PagerCaption(page));
    }

    [Fact]
    public async Task ClickingASortableColumnHeader_WritesTheSortToTheUrl_KeepingTheFilters()
    {
        var seed = await ListSeedAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, seed.Manager, seed.Workspace.WorkspaceId);
        var page = await RenderListAsync(context, "/leads?status=open");
        var newest = Names(page);

        await Header(page, "Name").ClickAsync(new MouseEventArgs());
        Wait(page, () => Assert.Equal(["Delta Brown", "Echo Clark", "Foxtrot Davis", "Golf Evans", "Hotel O'Brien", "Alpha Zimmer"], Names(page)));
        var byName = Url(context);
        await Header(page, "Name").ClickAsync(new MouseEventArgs());
        Wait(page, () => Assert.Equal(["Alpha Zimmer", "Hotel O'Brien", "Golf Evans", "Foxtrot Davis", "Echo Clark", "Delta Brown"], Names(page)));
        var byNameDescending = Url(context);
        await Header(page, "Score").ClickAsync(new MouseEventArgs());
        Wait(page, () => Assert.Equal(["Echo Clark", "Alpha Zimmer", "Hotel O'Brien", "Golf Evans", "Foxtrot Davis", "Delta Brown"], Names(page)));

        Assert.Equal(["Alpha Zimmer", "Delta Brown", "Echo Clark", "Foxtrot Davis", "Golf Evans", "Hotel O'Brien"], newest);
        Assert.Equal("http://localhost/leads?status=open&sort=name&dir=asc", byName);
        Assert.Equal("http://localhost/leads?status=open&sort=name", byNameDescending);
        Assert.Equal("http://localhost/leads?status=open&sort=score", Url(context)); // a score is sorted highest first
        Assert.Equal("descending", page.Find("[data-testid=lead-grid] th[aria-sort]").GetAttribute("aria-sort"));
        Assert.Equal("Score", page.Find("[data-testid=lead-grid] th[aria-sort]").TextContent.Trim());
    }

    // ---- The trash ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task TheTrash_ShowsOnlyDeletedLeads_AndTheListNoneOfThem()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var deleted = await TestData.LeadAsync(Fixture, acme, "Binned", l => l.Trash());
        var kept = await TestData.LeadAsync(Fixture, acme, "Kept");
        await TestData.LeadAsync(Fixture, await TestData.NewWorkspaceAsync(Fixture, "elsewhere"), "ForeignBinned", l => l.Trash());
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);

        var trash = await RenderListAsync(context, "/leads?view=trash");
        var trashRows = RowIds(trash);
        var trashTotal = Total(trash);
        var trashTitle = trash.Find("h1").TextContent.Trim();
        await SelectAsync(trash, deleted);
        var trashActions = BulkButtons(trash);
        var list = await RenderListAsync(context, "/leads");

        Assert.Equal([deleted], trashRows);
        Assert.Equal("1 lead · page 1 of 1", trashTotal);
        Assert.Equal("Trash", trashTitle);
        Assert.Equal(["Restore"], trashActions);
        Assert.Equal([kept], RowIds(list));
    }

    [Fact]
    public async Task TheTrash_IsRefusedToASalesRep()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(Fixture, acme, "Binned", l =>
        {
            l.OwnerId = rep;
            l.Trash();
        });
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/leads?view=trash");

        var page = context.Render<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal("Only managers and admins can open the trash.", page.Find(".mud-alert").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid=lead-grid]"));
        Assert.Empty(page.FindAll("a.ld-lead-link"));
    }

    // ---- Bulk actions -------------------------------------------------------------------------------------------

    [Fact]
    public async Task BulkAssign_OfTwoSelectedLeads_AssignsThem_SaysSo_AndClearsTheSelection_OnTheSameFilteredUrl()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var first = await TestData.LeadAsync(Fixture, acme, "Anna", l => l.LastName = "Able");
        var second = await TestData.LeadAsync(Fixture, acme, "Bert", l => l.LastName = "Baker");
        var untouched = await TestData.LeadAsync(Fixture, acme, "Cleo", l => l.LastName = "Cole");
        await TestData.LeadAsync(Fixture, acme, "Filtered", l => l.Priority = LeadPriority.High);
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        const string url = "http://localhost/leads?priority=medium&sort=name&dir=asc";
        var page = await RenderListAsync(context, url);

        await SelectAsync(page, first);
        await SelectAsync(page, second);
        var selectedText = page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim();
        var applying = await ChooseAsync(page, popovers, "Assign to", "sam");
        var question = await AnswerAsync(dialogs, "Apply");
        await applying;

        Assert.Equal("2 leads selected", selectedText);
        Assert.Contains("Assign to sam: 2 leads.", question, StringComparison.Ordinal);
        Assert.Equal("Updated 2 leads.", Assert.Single(Snackbars(context, Severity.Success)));
        Assert.Equal([sam, sam, null], await OwnersAsync(acme, first, second, untouched));
        Wait(page, () => Assert.Equal(["sam", "sam", "Unassigned"], Column(page, "Owner")));
        Assert.Equal(["Anna Able", "Bert Baker", "Cleo Cole"], Names(page));
        AssertNothingSelected(page, "3 leads · page 1 of 1");
        Assert.Equal(url, Url(context));
    }

    [Fact]
    public async Task BulkUnassign_CountsTheLeadsAlreadyUnassigned_AsSkipped()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var owned = await TestData.LeadAsync(Fixture, acme, "Owned", ownerId: manager);
        var free = await TestData.LeadAsync(Fixture, acme, "Free");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, owned);
        await SelectAsync(page, free);
        var applying = await ChooseAsync(page, popovers, "Assign to", "Nobody (unassign)");
        await AnswerAsync(dialogs, "Apply");
        await applying;

        Assert.Equal("Updated 1 lead (1 already as asked or not visible to you).", Assert.Single(Snackbars(context, Severity.Success)));
        Assert.Equal([null, null], await OwnersAsync(acme, owned, free));
        AssertNothingSelected(page, "2 leads · page 1 of 1");
    }

    [Fact]
    public async Task BulkPriority_BySalesRep_OfAllTheRowsSelected_SetsTheirPriority()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second", l => l.Priority = LeadPriority.Low);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectPageAsync(page);
        var ticked = page.FindAll("[data-testid=lead-grid] input.ld-check").Count(box => box.HasAttribute("checked"));
        var selectedText = page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim();
        var applying = await ChooseAsync(page, popovers, "Set priority", "High");
        var question = await AnswerAsync(dialogs, "Apply");
        await applying;

        Assert.Equal(3, ticked); // the header's and both rows'
        Assert.Equal("2 leads selected", selectedText);
        Assert.Contains("Set the priority to High: 2 leads.", question, StringComparison.Ordinal);
        Assert.Equal("Updated 2 leads.", Assert.Single(Snackbars(context, Severity.Success)));
        Assert.Equal([LeadPriority.High, LeadPriority.High],
            await QueryAsync(acme, db => db.Leads.Where(l => l.Id == first || l.Id == second).Select(l => l.Priority).ToListAsync()));
        Wait(page, () => Assert.Equal(["High", "High"], Column(page, "Priority")));
        AssertNothingSelected(page, "2 leads · page 1 of 1");
    }

    [Fact]
    public async Task BulkStage_MovesTheTwoSelectedLeads()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second");
        var untouched = await TestData.LeadAsync(Fixture, acme, "Third");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, first);
        await SelectAsync(page, second);
        var applying = await ChooseAsync(page, popovers, "Move to stage", "Qualified");
        var question = await AnswerAsync(dialogs, "Apply");
        await applying;

        Assert.Contains("Move to Qualified: 2 leads.", question, StringComparison.Ordinal);
        Assert.Equal("Updated 2 leads.", Assert.Single(Snackbars(context, Severity.Success)));
        Assert.Equal([acme.SecondStageId, acme.SecondStageId, acme.FirstStageId], await StagesAsync(acme, first, second, untouched));
        Wait(page, () => Assert.Equal(["New", "Qualified", "Qualified"], Stages(page))); // newest first: Third, Second, First
        AssertNothingSelected(page, "3 leads · page 1 of 1");
    }

    [Fact]
    public async Task BulkStage_ToAStageThatAsksForDetails_IsRefusedWithTheReason_AndMovesNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, first);
        await SelectAsync(page, second);
        var applying = await ChooseAsync(page, popovers, "Move to stage", "Qualified");
        await AnswerAsync(dialogs, "Apply");
        await applying;

        Assert.Equal("Qualified needs Budget for each lead. Move the leads that lack them one at a time.", Assert.Single(Snackbars(context, Severity.Error)));
        Assert.Empty(Snackbars(context, Severity.Success));
        Assert.Equal([acme.FirstStageId, acme.FirstStageId], await StagesAsync(acme, first, second));
        Assert.Equal(["New", "New"], Stages(page));
        Assert.Equal("2 leads selected", page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim()); // to choose again
    }

    [Fact]
    public async Task CancellingTheConfirmation_ChangesNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, popovers) = Providers(context);
        var page = await RenderListAsync(context, "/leads");
        var versions = await VersionsAsync(acme, first, second);

        await SelectAsync(page, first);
        await SelectAsync(page, second);
        var applying = await ChooseAsync(page, popovers, "Assign to", "sam");
        await AnswerAsync(dialogs, "Cancel");
        await applying;

        Assert.Equal([null, null], await OwnersAsync(acme, first, second));
        Assert.Equal(versions, await VersionsAsync(acme, first, second));
        Assert.Empty(Snackbars(context));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(["Unassigned", "Unassigned"], Column(page, "Owner"));
        Assert.Equal("2 leads selected", page.Find("[data-testid=bulk-actions] .ld-bulk-count").TextContent.Trim());
    }

    [Fact]
    public async Task BulkDelete_ThenRestoreFromTheTrash_ByAManager()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second");
        var kept = await TestData.LeadAsync(Fixture, acme, "Kept");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, _) = Providers(context);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, first);
        await SelectAsync(page, second);
        var deleting = BulkButton(page, "Delete").ClickAsync(new MouseEventArgs());
        var deleteQuestion = await AnswerAsync(dialogs, "Apply");
        await deleting;
        var deletedInDatabase = await DeletedAsync(acme, first, second, kept);
        Wait(page, () => Assert.Equal([kept], RowIds(page)));
        AssertNothingSelected(page, "1 lead · page 1 of 1");

        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/leads?view=trash");
        Wait(page, () => Assert.Equal(new[] { first, second }.Order(), RowIds(page).Order()));
        Assert.Equal("Trash", page.Find("h1").TextContent.Trim());
        // Found and used in one dispatch: the deletion re-renders the rows again (live refresh) at any moment.
        await page.InvokeAsync(() => SelectAsync(page, first));
        await page.InvokeAsync(() => SelectAsync(page, second));
        var restoring = page.InvokeAsync(() => BulkButton(page, "Restore").ClickAsync(new MouseEventArgs()));
        var restoreQuestion = await AnswerAsync(dialogs, "Apply");
        await restoring;

        Assert.Contains("Move to the trash: 2 leads.", deleteQuestion, StringComparison.Ordinal);
        Assert.Contains("Restore: 2 leads.", restoreQuestion, StringComparison.Ordinal);
        Assert.Equal(["Moved to the trash: 2 leads.", "Restored: 2 leads."], Snackbars(context, Severity.Success));
        Assert.Equal([true, true, false], deletedInDatabase);
        Assert.Equal([false, false, false], await DeletedAsync(acme, first, second, kept));
        Wait(page, () => Assert.Equal("The trash is empty", page.Find("[data-testid=no-leads] h2").TextContent.Trim()));
        AssertNothingSelected(page, "0 leads");
    }

    [Fact]
    public async Task DeletingEveryRowOfTheLastPage_LeavesRowsTotalPagerAndUrlAgreeingOnAPageThatExists()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var leads = await TestData.ManyLeadsAsync(Fixture, acme, 60, acme.FirstStageId);
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var (dialogs, _) = Providers(context);
        var page = await RenderListAsync(context, "/leads?sort=name&dir=asc&size=25&page=3");
        var lastPage = RowIds(page);
        var lastCaption = PagerCaption(page);

        await SelectPageAsync(page);
        var deleting = BulkButton(page, "Delete").ClickAsync(new MouseEventArgs());
        await AnswerAsync(dialogs, "Apply");
        await deleting;

        Assert.Equal(leads.Skip(50), lastPage);
        Assert.Equal("51-60 of 60", lastCaption);
        Assert.Equal("Moved to the trash: 10 leads.", Assert.Single(Snackbars(context, Severity.Success)));
        Assert.Equal(10, (await DeletedAsync(acme, [.. leads])).Count(deleted => deleted));
        // Page 3 is gone: whichever page the list moves to (the first, or the new last), everything on screen says the same one.
        Wait(page, () =>
        {
            var shown = Total(page) switch
            {
                "50 leads · page 1 of 2" => 1,
                "50 leads · page 2 of 2" => 2,
                var other => throw new Xunit.Sdk.XunitException($"Unexpected total: {other}"),
            };
            Assert.Equal(leads.Skip((shown - 1) * 25).Take(25), RowIds(page));
            Assert.Equal($"{((shown - 1) * 25) + 1}-{shown * 25} of 50", PagerCaption(page));
            Assert.Equal("http://localhost/leads?sort=name&dir=asc" + (shown == 1 ? "" : $"&page={shown}") + "&size=25", Url(context));
        });
        AssertNothingSelected(page, Total(page));
    }

    [Fact]
    public async Task ASalesRep_HasNoDeleteButton_NorTrashLink_ButTheOtherBulkActions()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Only");
        await using var repContext = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        await using var managerContext = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var repPage = await RenderListAsync(repContext, "/leads");
        var managerPage = await RenderListAsync(managerContext, "/leads");

        await SelectAsync(repPage, lead);
        await SelectAsync(managerPage, lead);

        Assert.Equal(["Assign to", "Set priority", "Move to stage"], BulkButtons(repPage));
        Assert.Equal(["Assign to", "Set priority", "Move to stage", "Delete"], BulkButtons(managerPage));
        Assert.Empty(repPage.FindAll("a[href='/leads?view=trash']"));
        Assert.Single(managerPage.FindAll("a[href='/leads?view=trash']"));
    }

    [Fact]
    public async Task WithNothingSelected_ThereAreNoBulkActions_ButTheTotal()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var manager = await TestData.MemberAsync(Fixture, acme, "boss", WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Only");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var page = await RenderListAsync(context, "/leads");

        await SelectAsync(page, lead);
        var selected = BulkButtons(page);
        await SelectAsync(page, lead, selected: false);

        Assert.NotEmpty(selected);
        AssertNothingSelected(page, "1 lead · page 1 of 1");
    }


    // ---- Arrangements ------------------------------------------------------------------------------------------

    private sealed record ListSeed(WorkspaceSeed Workspace, Guid Manager, Guid Rep, Guid Sam, Guid ForeignLead, IReadOnlyDictionary<string, Guid> Leads);

    private sealed record PagingSeed(WorkspaceSeed Workspace, Guid Manager);

    /// <summary>
    /// Eight leads that tell every filter apart (and one of another workspace):
    /// <code>
    /// name            stage      owner  priority  source    status        score  created     company
    /// Alpha Zimmer    New        rep    High      Referral  open          70     2026-10-01  Zeta Corp
    /// Bravo Adams     Qualified  sam    Low       Web       disqualified  40     2026-10-20
    /// Charlie Miller  New        -      Medium    -         converted     55     2026-11-05
    /// Delta Brown     New        -      Critical  Referral  open          10     2026-09-01
    /// Echo Clark      Qualified  rep    Medium    -         open          90     2026-08-15  Fifty% Off
    /// Foxtrot Davis   New        sam    Low       -         open          20     2026-07-01  snake_case Ltd
    /// Golf Evans      New        -      Medium    -         open          30     2026-06-01  Back\Slash Inc
    /// Hotel O'Brien   New        -      Medium    -         open          60     2026-05-01  "Quoted" Co
    /// </code>
    /// </summary>
    private Task<ListSeed> ListSeedAsync() =>
        database.ArrangedOnceAsync("lead list filters", async fixture =>
        {
            var acme = await TestData.NewWorkspaceAsync(fixture);
            var manager = await TestData.MemberAsync(fixture, acme, "boss", WorkspaceRole.Manager);
            var rep = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
            var sam = await TestData.MemberAsync(fixture, acme, "sam", WorkspaceRole.SalesRep);
            var leads = new Dictionary<string, Guid>();
            async Task Add(string first, string last, int score, string created, Action<Lead> configure)
            {
                leads[first] = await TestData.LeadAsync(fixture, acme, first, l =>
                {
                    l.LastName = last;
                    l.Score = score;
                    l.Backdate(DateTime.SpecifyKind(DateTime.Parse(created, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
                    configure(l);
                });
            }
            await Add("Alpha", "Zimmer", 70, "2026-10-01T10:00:00", l =>
            {
                l.OwnerId = rep;
                l.Priority = LeadPriority.High;
                l.Source = "Referral";
                l.Company = "Zeta Corp";
            });
            await Add("Bravo", "Adams", 40, "2026-10-20T08:00:00", l =>
            {
                l.StageId = acme.SecondStageId;
                l.OwnerId = sam;
                l.Priority = LeadPriority.Low;
                l.Source = "Web";
                l.SetOutcome(LeadStatus.Disqualified);
            });
            await Add("Charlie", "Miller", 55, "2026-11-05T12:00:00", l => l.SetOutcome(LeadStatus.Converted));
            await Add("Delta", "Brown", 10, "2026-09-01T09:00:00", l =>
            {
                l.Priority = LeadPriority.Critical;
                l.Source = "Referral";
            });
            await Add("Echo", "Clark", 90, "2026-08-15T09:00:00", l =>
            {
                l.StageId = acme.SecondStageId;
                l.OwnerId = rep;
                l.Company = "Fifty% Off";
            });
            await Add("Foxtrot", "Davis", 20, "2026-07-01T09:00:00", l =>
            {
                l.OwnerId = sam;
                l.Priority = LeadPriority.Low;
                l.Company = "snake_case Ltd";
            });
            await Add("Golf", "Evans", 30, "2026-06-01T09:00:00", l => l.Company = "Back\\Slash Inc");
            await Add("Hotel", "O'Brien", 60, "2026-05-01T09:00:00", l => l.Company = "\"Quoted\" Co");
            var elsewhere = await TestData.NewWorkspaceAsync(fixture, "elsewhere");
            var foreign = await TestData.LeadAsync(fixture, elsewhere, "Alpha", l =>
            {
                l.LastName = "Zimmer";
                l.Priority = LeadPriority.High;
                l.Source = "Referral";
            });
            return new ListSeed(acme, manager, rep, sam, foreign, leads);
        });

    /// <summary>Sixty open leads, for paging.</summary>
    private Task<PagingSeed> PagingSeedAsync() =>
        database.ArrangedOnceAsync("lead list paging", async fixture =>
        {
            var acme = await TestData.NewWorkspaceAsync(fixture);
            var manager = await TestData.MemberAsync(fixture, acme, "boss", WorkspaceRole.Manager);
            await TestData.ManyLeadsAsync(fixture, acme, 60, acme.FirstStageId);
            return new PagingSeed(acme, manager);
        });

    // ---- Driving the page ---------------------------------------------------------------------------------------

    /// <summary>The page at <paramref name="url"/>, once the grid has read its first rows.</summary>
    private static async Task<IRenderedComponent<LeadsPage>> RenderListAsync(ComponentContext context, string url)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = context.Render<LeadsPage>();
        await page.WaitForElementAsync("[data-testid=lead-grid]", Patience);
        page.WaitForAssertion(() => Assert.NotEqual("", Total(page)), Patience);
        return page;
    }

    /// <summary>A dialog provider (the confirmation) and a popover provider (the menus), rendered beside the page.</summary>
    private static (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudPopoverProvider> Popovers) Providers(ComponentContext context) =>
        (context.Render<MudDialogProvider>(), context.Render<MudPopoverProvider>());

    /// <summary>Ticks (or unticks) the row of <paramref name="leadId"/>.</summary>
    private static Task SelectAsync(IRenderedComponent<LeadsPage> page, Guid leadId, bool selected = true) =>
        TickAsync(page, () => Rows(page).Single(r => r.QuerySelector("a.ld-lead-link")?.GetAttribute("href") == $"/leads/{leadId}")
            .QuerySelector("input[type=checkbox]")!, selected);

    /// <summary>Ticks the header's box: every row of the page.</summary>
    private static Task SelectPageAsync(IRenderedComponent<LeadsPage> page) =>
        TickAsync(page, () => page.Find("[data-testid=lead-grid] thead input[type=checkbox]"), ticked: true);

    /// <summary>
    /// Changes a checkbox as the grid last rendered it: found and changed in one go on the renderer, since the grid may
    /// render again (new handlers) once its rows are in — a slower database shows that.
    /// </summary>
    private static Task TickAsync(IRenderedComponent<LeadsPage> page, Func<IElement> box, bool ticked) =>
        page.InvokeAsync(() => box().ChangeAsync(new ChangeEventArgs { Value = ticked }));

    /// <summary>Opens a bulk menu and clicks one of its items; the returned task ends when the action is answered and done.</summary>
    private static async Task<Task> ChooseAsync(IRenderedComponent<LeadsPage> page, IRenderedComponent<MudPopoverProvider> popovers, string menu, string item)
    {
        await BulkButton(page, menu).ClickAsync(new MouseEventArgs());
        IElement MenuItem() => popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == item);
        popovers.WaitForAssertion(() => MenuItem(), Patience);
        return MenuItem().ClickAsync(new MouseEventArgs());
    }

    /// <summary>Waits for the confirmation, clicks <paramref name="button"/>, and returns what it asked.</summary>
    private static async Task<string> AnswerAsync(IRenderedComponent<MudDialogProvider> dialogs, string button)
    {
        dialogs.WaitForAssertion(() => Assert.Contains("Change the selected leads?", dialogs.Markup, StringComparison.Ordinal), Patience);
        var question = Squash(dialogs.Find(".mud-dialog").TextContent);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new MouseEventArgs());
        return question;
    }

    private static IElement BulkButton(IRenderedComponent<LeadsPage> page, string text) =>
        page.FindAll("[data-testid=bulk-actions] button").Single(b => b.TextContent.Trim() == text);

    private static List<string> BulkButtons(IRenderedComponent<LeadsPage> page) =>
        page.FindAll("[data-testid=bulk-actions] button").Select(b => b.TextContent.Trim()).ToList();

    private static IElement Header(IRenderedComponent<LeadsPage> page, string title) =>
        page.FindAll("[data-testid=lead-grid] th .sortable-column-header").Single(h => h.TextContent.Trim() == title);

    private static void AssertNothingSelected(IRenderedComponent<LeadsPage> page, string total)
    {
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=bulk-actions]")), Patience);
        Assert.Equal(total, Total(page));
        Assert.Empty(page.FindAll("[data-testid=lead-grid] tbody tr[aria-selected=true]"));
        Assert.DoesNotContain(page.FindAll("[data-testid=lead-grid] input.ld-check"), box => box.HasAttribute("checked")); // the header's too
    }

    private static void Wait(IRenderedComponent<LeadsPage> page, Action assertion) => page.WaitForAssertion(assertion, Patience);

    // ---- Reading the page ---------------------------------------------------------------------------------------

    private static IEnumerable<IElement> Rows(IRenderedComponent<LeadsPage> page) =>
        page.FindAll("[data-testid=lead-grid] tbody tr").Where(r => r.QuerySelector("a.ld-lead-link") is not null);

    private static List<Guid> RowIds(IRenderedComponent<LeadsPage> page) =>
        Rows(page).Select(r => Guid.Parse(r.QuerySelector("a.ld-lead-link")!.GetAttribute("href")!["/leads/".Length..])).ToList();

    private static List<string> Names(IRenderedComponent<LeadsPage> page) =>
        Rows(page).Select(r => r.QuerySelector("a.ld-lead-link")!.TextContent.Trim()).ToList();

    private static List<string> Column(IRenderedComponent<LeadsPage> page, string label) =>
        Rows(page).Select(r => Squash(r.QuerySelector($"td[data-label='{label}']")?.TextContent ?? "")).ToList();

    private static List<string> Stages(IRenderedComponent<LeadsPage> page) =>
        Rows(page).Select(r => Squash(r.QuerySelector("td[data-label=Stage] .ld-stage-badge")?.TextContent ?? "")).ToList();

    /// <summary>Each row's status chip; an open lead has none.</summary>
    private static List<string> Statuses(IRenderedComponent<LeadsPage> page) =>
        Rows(page).Select(r => r.QuerySelector("td[data-label=Stage] .mud-chip") is { } chip ? Squash(chip.TextContent) : "Open").ToList();

    private static IElement PagerButton(IRenderedComponent<LeadsPage> page, string label) =>
        page.Find($".mud-table-pagination-actions button[aria-label='{label}']");

    private static string Total(IRenderedComponent<LeadsPage> page) =>
        page.FindAll("[data-testid=lead-total]").Select(t => Squash(t.TextContent)).SingleOrDefault() ?? "";

    private static string PagerCaption(IRenderedComponent<LeadsPage> page) =>
        Squash(page.FindAll(".mud-table-pagination-caption")[^1].TextContent);

    private static string Url(ComponentContext context) => context.Services.GetRequiredService<NavigationManager>().Uri;

    private static List<string> Snackbars(ComponentContext context, Severity? severity = null) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Where(s => severity is null || s.Severity == severity).Select(s => s.Message ?? "").ToList();

    private static string Count(int count) => count == 1 ? "1 lead" : $"{count} leads";

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    // ---- The database -------------------------------------------------------------------------------------------

    private Task<List<Guid?>> OwnersAsync(WorkspaceSeed workspace, params Guid[] ids) =>
        InOrderAsync(workspace, ids, l => l.OwnerId);

    private Task<List<Guid>> StagesAsync(WorkspaceSeed workspace, params Guid[] ids) =>
        InOrderAsync(workspace, ids, l => l.StageId);

    private Task<List<int>> VersionsAsync(WorkspaceSeed workspace, params Guid[] ids) =>
        InOrderAsync(workspace, ids, l => l.Version);

    private Task<List<bool>> DeletedAsync(WorkspaceSeed workspace, params Guid[] ids) =>
        InOrderAsync(workspace, ids, l => l.IsDeleted);

    /// <summary>A value of each lead (in the trash or not), in the order of <paramref name="ids"/>.</summary>
    private async Task<List<T>> InOrderAsync<T>(WorkspaceSeed workspace, Guid[] ids, Func<Lead, T> value)
    {
        var leads = await QueryAsync(workspace, db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
            .Where(l => ids.Contains(l.Id)).ToListAsync());
        return ids.Select(id => value(leads.Single(l => l.Id == id))).ToList();
    }

    private async Task<T> QueryAsync<T>(WorkspaceSeed workspace, Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await query(scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>());
    }
}
