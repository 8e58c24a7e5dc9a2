using System.Globalization;
using System.Net;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>/leads: what it lists, every filter of its URL, forgiving parsing, the results fragment and the trash.</summary>
public sealed class LeadListTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task LeadList_RendersTheWorkspacesLeads_WithTheirTotal()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads");

        var expected = await app.QueryAsync(db => db.Leads.CountAsync());
        var northwind = await app.QueryAsync(db => db.Leads.Select(l => l.Id).ToListAsync(), Northwind);
        Assert.Equal(expected, page.LeadTotal());
        Assert.Equal(Math.Min(expected, LeadListQuery.DefaultPageSize), page.LeadRowIds().Count);
        Assert.Empty(page.LeadRowIds().Intersect(northwind));
        Assert.Equal("Leads", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task LeadList_SearchInTheUrl_ShowsOnlyMatchingLeads()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var term = (await app.QueryAsync(db => db.Leads.OrderBy(l => l.Id).Select(l => l.LastName).FirstAsync())).ToLowerInvariant();

        var page = await client.GetDocumentAsync($"/leads?q={Uri.EscapeDataString(term.ToUpperInvariant())}");

        await AssertListedAsync(page, leads => leads.Where(l => l.SearchText.Contains(term)));
        Assert.All(page.QuerySelectorAll("#lead-results tbody tr"), row => Assert.Contains(term, row.TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(term.ToUpperInvariant(), page.QuerySelector("#filter-q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task LeadList_FilterByStageInTheUrl_ShowsOnlyThatStage()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var stage = await app.StageAsync("contacted");

        var page = await client.GetDocumentAsync($"/leads?stage={stage.Id}");

        await AssertListedAsync(page, leads => leads.Where(l => l.StageId == stage.Id));
        Assert.All(page.Column("Stage"), text => Assert.StartsWith(stage.Name, text, StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector($"#filter-stage option[value='{stage.Id}'][selected]"));
    }

    [Fact]
    public async Task LeadList_FilterByOwnerMe_ShowsOnlyTheirLeads()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var repId = await app.UserIdAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync("/leads?owner=me");

        await AssertListedAsync(page, leads => leads.Where(l => l.OwnerId == repId));
        Assert.All(page.Column("Owner"), owner => Assert.Equal("Riley Rep", owner));
    }

    [Fact]
    public async Task LeadList_FilterByOwnerNone_ShowsOnlyUnassignedLeads()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?owner=none");

        await AssertListedAsync(page, leads => leads.Where(l => l.OwnerId == null));
        Assert.All(page.Column("Owner"), owner => Assert.Equal("Unassigned", owner));
    }

    [Fact]
    public async Task LeadList_FilterByOwnerInTheUrl_ShowsOnlyTheirLeads()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var ownerId = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);

        var page = await client.GetDocumentAsync($"/leads?owner={ownerId}");

        await AssertListedAsync(page, leads => leads.Where(l => l.OwnerId == ownerId));
        Assert.All(page.Column("Owner"), owner => Assert.Equal("Sam Seller", owner));
    }

    [Fact]
    public async Task LeadList_FilterByPriorityInTheUrl_ShowsOnlyThatPriority()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?priority=HIGH");

        await AssertListedAsync(page, leads => leads.Where(l => l.Priority == LeadPriority.High));
        Assert.All(page.Column("Priority"), priority => Assert.Equal("High", priority));
    }

    [Fact]
    public async Task LeadList_FilterBySourceInTheUrl_ShowsOnlyThatSource()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?source=Referral");

        await AssertListedAsync(page, leads => leads.Where(l => l.Source == "Referral"));
        Assert.NotNull(page.QuerySelector("#filter-source option[value=Referral][selected]"));
    }

    [Fact]
    public async Task LeadList_FilterByStatusInTheUrl_ShowsOnlyThatStatus()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?status=disqualified");

        await AssertListedAsync(page, leads => leads.Where(l => l.Status == LeadStatus.Disqualified));
        Assert.All(page.QuerySelectorAll("#lead-results tbody tr"), row => Assert.NotNull(row.QuerySelector(".ld-status-disqualified")));
    }

    [Fact]
    public async Task LeadList_FilterByScoreRangeInTheUrl_ShowsOnlyScoresInside()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?scoreMin=40&scoreMax=60");

        await AssertListedAsync(page, leads => leads.Where(l => l.Score >= 40 && l.Score <= 60));
        Assert.All(page.Column("Score"), score => Assert.InRange(int.Parse(score, CultureInfo.InvariantCulture), 40, 60));
    }

    [Fact]
    public async Task LeadList_FilterByCreatedDatesInTheUrl_ShowsOnlyLeadsCreatedThen()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-45);
        var to = today.AddDays(-15);
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var page = await client.GetDocumentAsync($"/leads?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        await AssertListedAsync(page, leads => leads.Where(l => l.CreatedAt >= start && l.CreatedAt < end));
        Assert.Equal(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.QuerySelector("input[name=from]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task LeadList_SortByNameAscending_OrdersTheRowsByLastThenFirstName()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?sort=name&dir=asc");

        var expected = await app.QueryAsync(db => db.Leads.OrderBy(l => l.LastName).ThenBy(l => l.FirstName).ThenBy(l => l.Id)
            .Select(l => l.Id).Take(LeadListQuery.DefaultPageSize).ToListAsync());
        Assert.Equal(expected, page.LeadRowIds());
        Assert.Equal("ascending", page.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
        Assert.Equal("Name", page.QuerySelector("th[aria-sort] a")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("asc")]
    [InlineData("desc")]
    public async Task LeadList_SortByScore_OrdersTheRowsByScore(string dir)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync($"/leads?sort=score&dir={dir}");

        var scores = page.Column("Score").Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(scores);
        Assert.Equal(dir == "asc" ? scores.Order() : scores.OrderDescending(), scores);
        Assert.Equal(dir == "asc" ? "ascending" : "descending", page.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task LeadList_PageAndSizeInTheUrl_ShowThatSliceOfTheDefaultOrder()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?size=25&page=2");

        var (total, expected) = await app.QueryAsync(async db => (
            await db.Leads.CountAsync(),
            await db.Leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(25).Take(25).Select(l => l.Id).ToListAsync()));
        Assert.Equal(expected, page.LeadRowIds());
        Assert.Contains($"page 2 of {(total + 24) / 25}", page.QuerySelector("[data-testid=lead-total]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("25", page.QuerySelector(".ld-page-size [aria-current=true]")?.TextContent);
        Assert.Equal("/leads?size=25", page.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task LeadList_PageBeyondTheLast_ShowsTheLastPage()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync("/leads?size=25&page=999");

        var total = await app.QueryAsync(db => db.Leads.CountAsync());
        var last = (total + 24) / 25;
        Assert.Contains($"page {last} of {last}", page.QuerySelector("[data-testid=lead-total]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(total - ((last - 1) * 25), page.LeadRowIds().Count);
    }

    [Theory]
    [InlineData("priority=banana")]
    [InlineData("priority=99")]
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
    public async Task LeadList_GarbageInTheUrl_IsIgnored_NeverAnError(string queryString)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.FetchAsync($"/leads?{queryString}");
        var fragment = await client.FetchAsync($"/leads/results?{queryString}", htmx: true);

        var total = await app.QueryAsync(db => db.Leads.CountAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.Equal(total, (await page.ParseAsync()).LeadTotal());
        Assert.Equal(total, (await fragment.ParseAsync()).LeadTotal());
        Assert.Equal("/leads", fragment.Headers.GetValues("HX-Push-Url").Single());
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01")]
    [InlineData("from=9999-12-31&to=0001-01-01")]
    [InlineData("page=2147483647&size=200")]
    [InlineData("scoreMin=100&scoreMax=0")]
    [InlineData("sort=value&dir=asc")]
    [InlineData("sort=company")]
    [InlineData("sort=updated&dir=asc")]
    public async Task LeadList_ExtremeButValidValues_AreServed(string queryString)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync($"/leads?{queryString}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange((await response.ParseAsync()).LeadTotal(), 0, int.MaxValue);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("' or 1=1 --")]
    public async Task LeadList_SearchForWildcardsOrQuotes_MatchesThemLiterally(string term)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync($"/leads?q={Uri.EscapeDataString(term)}");

        var texts = await app.QueryAsync(db => db.Leads.Select(l => l.SearchText).ToListAsync());
        Assert.Equal(texts.Count(t => t.Contains(term, StringComparison.Ordinal)), page.LeadTotal());
        Assert.True(page.LeadTotal() < texts.Count, "the term is not a wildcard");
    }

    [Fact]
    public async Task LeadList_TooLongSearch_IsCutTo200Characters()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var page = await client.GetDocumentAsync($"/leads?q={new string('x', 5000)}");

        Assert.Equal(0, page.LeadTotal());
        Assert.Equal(200, page.QuerySelector("#filter-q")?.GetAttribute("value")?.Length);
    }

    [Fact]
    public async Task ResultsFragment_ReturnsOnlyTheResults_AndPushesTheListUrl()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync("/leads/results?priority=high&size=25&page=1&sort=score", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/leads?priority=high&sort=score&size=25", response.Headers.GetValues("HX-Push-Url").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        var fragment = await response.ParseAsync();
        Assert.Equal(["lead-results"], fragment.Body!.Children.Select(c => c.Id));
        Assert.Null(fragment.QuerySelector("form"));
        Assert.Null(fragment.QuerySelector("header.ld-topbar"));
        Assert.Equal(await app.QueryAsync(db => db.Leads.CountAsync(l => l.Priority == LeadPriority.High)), fragment.LeadTotal());
        Assert.All(fragment.Column("Priority"), priority => Assert.Equal("High", priority));
    }

    [Fact]
    public async Task ResultsFragment_LinksSwapTheResultsAndKeepPlainHrefs()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var fragment = await (await client.FetchAsync("/leads/results?size=25", htmx: true)).ParseAsync();

        var next = fragment.QuerySelector("a[rel=next]");
        Assert.Equal("/leads?page=2&size=25", next?.GetAttribute("href"));
        Assert.Equal("/leads/results?page=2&size=25", next?.GetAttribute("hx-get"));
        Assert.Equal("#lead-results", next?.GetAttribute("hx-target"));
    }

    [Fact]
    public async Task TrashView_ShowsOnlyDeletedLeads()
    {
        var deleted = await app.CreateLeadAsync();
        var kept = await app.CreateLeadAsync();
        await using (var manager = await app.ScopeAsync(email: LeadDeskAppFactory.Manager))
        {
            await manager.Get<LeadService>().DeleteAsync(deleted);
        }
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var trash = await client.GetDocumentAsync("/leads?view=trash");
        var list = await client.GetDocumentAsync("/leads?size=200");

        var deletedIds = await app.QueryAsync(db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(l => l.IsDeleted).Select(l => l.Id).ToListAsync());
        Assert.Equal("Trash", trash.QuerySelector("h1")?.TextContent);
        Assert.Equal(deletedIds.Count, trash.LeadTotal());
        Assert.Contains(deleted, trash.LeadRowIds());
        Assert.DoesNotContain(kept, trash.LeadRowIds());
        Assert.All(trash.LeadRowIds(), id => Assert.Contains(id, deletedIds));
        Assert.DoesNotContain(deleted, list.LeadRowIds());
        Assert.Contains(kept, list.LeadRowIds());
        Assert.Equal(["", "restore"], trash.QuerySelectorAll("form#bulk select[name=action] option").Select(o => o.GetAttribute("value")));
    }

    /// <summary>The page's total is the database's count for <paramref name="filter"/>, and every row shown is one of those leads.</summary>
    private async Task AssertListedAsync(AngleSharp.Html.Dom.IHtmlDocument page, Func<IQueryable<Lead>, IQueryable<Lead>> filter)
    {
        var expected = await app.QueryAsync(db => filter(db.Leads).Select(l => l.Id).ToListAsync());
        var all = await app.QueryAsync(db => db.Leads.CountAsync());
        Assert.NotEmpty(expected); // a filter that matches nothing would prove nothing
        Assert.True(expected.Count < all, "the filter narrows the list");
        Assert.Equal(expected.Count, page.LeadTotal());
        Assert.All(page.LeadRowIds(), id => Assert.Contains(id, expected));
        Assert.Equal(Math.Min(expected.Count, LeadListQuery.DefaultPageSize), page.LeadRowIds().Count);
    }
}
