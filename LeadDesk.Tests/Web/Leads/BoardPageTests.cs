using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>/board: columns and their counts, filters in the URL, the drag-and-drop endpoint and "show more".</summary>
public sealed class BoardPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    private const string TokenInput = "form[data-board-token] input[name=__RequestVerificationToken]";

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

    [Fact]
    public async Task Board_CardsInAColumn_AreThatStagesOpenLeads()
    {
        var closed = await app.CreateLeadAsync(configure: l => l.SetOutcome(LeadStatus.Disqualified));
        var open = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var board = await client.GetDocumentAsync("/board");

        var stage = await app.StageAsync("new");
        var cards = board.QuerySelectorAll($"section.ld-column[data-stage-id='{stage.Id}'] li.ld-kcard").Select(c => Guid.Parse(c.GetAttribute("data-lead-id")!)).ToList();
        Assert.Contains(open, cards);
        Assert.DoesNotContain(closed, cards);
        var openInStage = await app.QueryAsync(db => db.Leads.Where(l => l.StageId == stage.Id && l.Status == LeadStatus.Open).Select(l => l.Id).ToListAsync());
        Assert.All(cards, id => Assert.Contains(id, openInStage));
        Assert.Equal($"/leads/{open}/move?returnUrl=%2Fboard%3Fpipeline%3D{stage.PipelineId}",
            board.QuerySelector($"li.ld-kcard[data-lead-id='{open}'] a.ld-move-link")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("priority=high")]
    [InlineData("owner=none")]
    [InlineData("owner=rep2")]
    [InlineData("owner=me")]
    [InlineData("q=lastname")]
    [InlineData("priority=critical&owner=rep2")]
    public async Task Board_FiltersInTheUrl_NarrowTheCounts(string filter)
    {
        var rep2 = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        var term = (await app.QueryAsync(db => db.Leads.Where(l => l.Status == LeadStatus.Open).OrderBy(l => l.Id).Select(l => l.LastName).FirstAsync())).ToLowerInvariant();
        var url = "/board?" + filter.Replace("rep2", $"{rep2}", StringComparison.Ordinal).Replace("lastname", term, StringComparison.Ordinal);
        var client = await app.SignedInAsync(LeadDeskAppFactory.OtherRep);

        var board = await client.GetDocumentAsync(url);

        Func<IQueryable<Lead>, IQueryable<Lead>> narrow = filter switch
        {
            "priority=high" => leads => leads.Where(l => l.Priority == LeadPriority.High),
            "owner=none" => leads => leads.Where(l => l.OwnerId == null),
            "owner=rep2" or "owner=me" => leads => leads.Where(l => l.OwnerId == rep2),
            "q=lastname" => leads => leads.Where(l => l.SearchText.Contains(term)),
            _ => leads => leads.Where(l => l.Priority == LeadPriority.Critical && l.OwnerId == rep2),
        };
        var expected = await OpenCountsAsync(narrow);
        var all = await OpenCountsAsync(leads => leads);
        Assert.Equal((await app.StagesAsync()).Select(s => expected.GetValueOrDefault(s.Id)), ColumnCounts(board));
        Assert.True(expected.Values.Sum() < all.Values.Sum(), "the filter narrows the board");
        Assert.NotNull(board.QuerySelector("a.btn-link[href^='/board']")); // "Clear" appears once something is filtered
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

    [Fact]
    public async Task BoardMove_ToAPlainStage_MovesTheLead()
    {
        var lead = await app.CreateLeadAsync();
        var contacted = await app.StageAsync("contacted");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await MoveAsync(client, lead, contacted.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{(await app.LeadAsync(lead)).FullName} moved to Contacted.", await response.Content.ReadAsStringAsync());
        Assert.Equal(contacted.Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task BoardMove_ToAStageWithARequiredField_AsksForIt_ThenMovesWithTheValue()
    {
        var lead = await app.CreateLeadAsync(stageKey: "qualified");
        var qualified = await app.StageAsync("qualified");
        var proposal = await app.StageAsync("proposal");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var asked = await MoveAsync(client, lead, proposal.Id);
        var stillThere = (await app.LeadAsync(lead)).StageId;
        var dialog = await asked.ParseAsync();
        var moved = await MoveAsync(client, lead, proposal.Id, ("field.proposal_amount", "5000"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        Assert.Equal(qualified.Id, stillThere);
        Assert.NotNull(dialog.QuerySelector("form[data-move-dialog-form] input[name='field.proposal_amount']"));
        Assert.Equal($"{lead}", dialog.QuerySelector("input[name=leadId]")?.GetAttribute("value"));
        Assert.Equal($"{proposal.Id}", dialog.QuerySelector("input[name=stageId]")?.GetAttribute("value"));
        Assert.NotNull(dialog.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Null(dialog.QuerySelector(".invalid-feedback")); // asked, not yet told off
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(proposal.Id, (await app.LeadAsync(lead)).StageId);
        Assert.Equal(["5000"], await app.QueryAsync(db => db.LeadStageValues.Where(v => v.LeadId == lead).Select(v => v.Value).ToListAsync()));
    }

    [Fact]
    public async Task BoardMove_WithABadValueForTheRequiredField_ShowsTheDialogWithTheMessage()
    {
        var lead = await app.CreateLeadAsync(stageKey: "qualified");
        var proposal = await app.StageAsync("proposal");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await MoveAsync(client, lead, proposal.Id, ("field.proposal_amount", "lots"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var dialog = await response.ParseAsync();
        Assert.Equal("lots", dialog.QuerySelector("input[name='field.proposal_amount']")?.GetAttribute("value"));
        Assert.Contains("is-invalid", dialog.QuerySelector("input[name='field.proposal_amount']")!.ClassList);
        Assert.False(string.IsNullOrWhiteSpace(dialog.QuerySelector(".invalid-feedback")?.TextContent));
        Assert.Equal((await app.StageAsync("qualified")).Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task BoardMove_ToAStageOfAnotherPipeline_Answers400WithThePlainReason()
    {
        var lead = await app.CreateLeadAsync();
        var otherPipelineStage = await OtherPipelineStageAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await MoveAsync(client, lead, otherPipelineStage);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("That stage is not in this lead's pipeline.", await response.Content.ReadAsStringAsync());
        Assert.Equal((await app.StageAsync("new")).Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task BoardMove_OfADisqualifiedLead_Answers400WithThePlainReason()
    {
        var lead = await app.CreateLeadAsync(configure: l => l.SetOutcome(LeadStatus.Disqualified));
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await MoveAsync(client, lead, (await app.StageAsync("contacted")).Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This lead is disqualified. Reopen it before moving it.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("leadId=not-a-guid&stageId=not-a-guid")]
    [InlineData("stageId=0193aaaa-0000-7000-8000-000000000001")]
    [InlineData("")]
    public async Task BoardMove_WithGarbage_IsABadRequest_NeverAnError(string fields)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var token = await client.AntiforgeryTokenAsync("/board", TokenInput);
        var pairs = fields.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1]))
            .Append(new("__RequestVerificationToken", token));
        using var form = new FormUrlEncodedContent(pairs);

        var response = await client.PostAsync(new Uri("/board/move", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BoardMove_WithoutAntiforgeryToken_IsRefused_AndMovesNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["leadId"] = $"{lead}", ["stageId"] = $"{(await app.StageAsync("contacted")).Id}" });

        var response = await client.PostAsync(new Uri("/board/move", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((await app.StageAsync("new")).Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task CardsFragment_ReturnsTheNextCardsOfTheColumn()
    {
        var stage = await app.StageAsync("new");
        var open = await app.QueryAsync(db => db.Leads.Where(l => l.StageId == stage.Id && l.Status == LeadStatus.Open)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Select(l => l.Id).ToListAsync());
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync($"/board/cards?stage={stage.Id}&skip=1&total={open.Count}", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await response.ParseAsync();
        Assert.Equal(open.Skip(1).Take(50), fragment.QuerySelectorAll("li.ld-kcard").Select(c => Guid.Parse(c.GetAttribute("data-lead-id")!)));
        Assert.Null(fragment.QuerySelector("header.ld-topbar"));
    }

    [Fact]
    public async Task CardsFragment_WhenMoreRemain_EndsWithAShowMoreLink()
    {
        var stage = await app.StageAsync("new");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var fragment = await (await client.FetchAsync($"/board/cards?stage={stage.Id}&skip=0&total=500&priority=high", htmx: true)).ParseAsync();

        var shown = fragment.QuerySelectorAll("li.ld-kcard").Length;
        Assert.Equal(await app.QueryAsync(db => db.Leads.CountAsync(l => l.StageId == stage.Id && l.Status == LeadStatus.Open && l.Priority == LeadPriority.High)), shown);
        var more = fragment.QuerySelector("li.ld-more-item a");
        Assert.Contains($"skip={shown}", more?.GetAttribute("hx-get"), StringComparison.Ordinal);
        Assert.Contains("priority=high", more?.GetAttribute("hx-get"), StringComparison.Ordinal);
        Assert.StartsWith("/leads?", more?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stage=not-a-guid")]
    [InlineData("stage=0193aaaa-0000-7000-8000-000000000001&skip=0&total=3")]
    public async Task CardsFragment_WithoutAKnownStage_IsNotFound(string query)
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync($"/board/cards?{query}", htmx: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("skip=-5&total=-1")]
    [InlineData("skip=abc&total=xyz")]
    [InlineData("skip=2147483647&total=2147483647")]
    public async Task CardsFragment_WithGarbagePaging_IsServed(string paging)
    {
        var stage = await app.StageAsync("new");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.FetchAsync($"/board/cards?stage={stage.Id}&{paging}", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid leadId, Guid stageId, params (string Name, string Value)[] values)
    {
        var token = await client.AntiforgeryTokenAsync("/board", TokenInput);
        var fields = new Dictionary<string, string> { ["leadId"] = $"{leadId}", ["stageId"] = $"{stageId}", ["__RequestVerificationToken"] = token };
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }
        using var form = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/board/move", UriKind.Relative)) { Content = form };
        request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    /// <summary>A second lead pipeline in the demo workspace (not the default), and its first stage.</summary>
    private async Task<Guid> OtherPipelineStageAsync()
    {
        await using var scope = await app.ScopeAsync();
        var db = scope.Get<LeadDeskDbContext>();
        var pipeline = new Pipeline(Unique("Partners"), PipelineModule.Leads) { SortOrder = 5 };
        var stage = pipeline.AddStage("intro", "Intro", "#336699", 10);
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync();
        return stage.Id;
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
