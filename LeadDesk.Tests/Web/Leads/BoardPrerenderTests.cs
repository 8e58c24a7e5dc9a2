using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// /board as the server prerenders it, before the circuit starts: the columns and their counts are in the first response,
/// whatever the URL holds. What the board does once interactive is tested with bUnit (Circuits/BoardPageTests).
/// </summary>
public sealed class BoardPrerenderTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task Board_ShowsOneColumnPerStage_WithItsOpenLeadCount()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var board = await client.GetDocumentAsync("/board");

        var stages = await app.StagesAsync();
        var expected = await OpenCountsAsync(leads => leads);
        Assert.Equal(stages.Select(s => s.Id), board.QuerySelectorAll("section.ld-column").Select(c => Guid.Parse(c.GetAttribute("data-stage-id")!)));
        Assert.Equal(stages.Select(s => s.Name), board.QuerySelectorAll("section.ld-column .ld-column-title").Select(t => t.TextContent.Trim()));
        Assert.Equal(stages.Select(s => expected.GetValueOrDefault(s.Id)), ColumnCounts(board));
        Assert.True(expected.Values.Sum() > 0);
    }

    [Theory]
    [InlineData("pipeline=not-a-guid")]
    [InlineData("priority=banana&owner=someone")]
    [InlineData("pipeline=0193aaaa-0000-7000-8000-000000000001")]
    [InlineData("scoreMin=x&from=2026-13-45&to=9999-12-31")]
    public async Task Board_GarbageInTheUrl_ShowsTheDefaultPipelineUnfiltered(string query)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync($"/board?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await OpenCountsAsync(leads => leads);
        Assert.Equal((await app.StagesAsync()).Select(s => expected.GetValueOrDefault(s.Id)), ColumnCounts(await response.ParseAsync()));
    }

    /// <summary>Open leads per stage after <paramref name="filter"/>, from the database.</summary>
    private Task<Dictionary<Guid, int>> OpenCountsAsync(Func<IQueryable<Lead>, IQueryable<Lead>> filter) =>
        app.QueryAsync(db => filter(db.Leads.Where(l => l.Status == LeadStatus.Open))
            .GroupBy(l => l.StageId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    /// <summary>The [data-testid=column-count] of each column, left to right.</summary>
    private static List<int> ColumnCounts(IHtmlDocument board) =>
        board.QuerySelectorAll("section.ld-column [data-testid=column-count]")
            .Select(c => int.Parse(c.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
}
