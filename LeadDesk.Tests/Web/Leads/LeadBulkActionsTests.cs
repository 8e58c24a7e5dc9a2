using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>The bulk form on /leads (form#bulk: checked <c>ids</c> and an <c>action</c>), as managers and reps post it.</summary>
public sealed class LeadBulkActionsTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task BulkAssign_ByAManager_AssignsTheTwoSelectedLeads()
    {
        var first = await app.CreateLeadAsync();
        var second = await app.CreateLeadAsync();
        var untouched = await app.CreateLeadAsync();
        var repId = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var page = await client.GetDocumentAsync("/leads");
        Assert.NotNull(page.QuerySelector($"form#bulk option[value='assign:{repId}']"));

        var response = await client.PostAsync(BulkForm(page), "/leads", ("ids", $"{first}"), ("ids", $"{second}"), ("action", $"assign:{repId}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leads", response.RedirectPath());
        Assert.Equal("s:Updated 2 leads.", response.Toast());
        Assert.Equal(repId, (await app.LeadAsync(first)).OwnerId);
        Assert.Equal(repId, (await app.LeadAsync(second)).OwnerId);
        Assert.Null((await app.LeadAsync(untouched)).OwnerId);
    }

    [Fact]
    public async Task BulkAssign_ReturnsToTheFilteredListItCameFrom()
    {
        var lead = await app.CreateLeadAsync();
        var managerId = await app.UserIdAsync(LeadDeskAppFactory.Manager);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        const string url = "/leads?priority=medium&sort=name&dir=asc";

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync(url)), url, ("ids", $"{lead}"), ("action", $"assign:{managerId}"));

        Assert.Equal(url, response.RedirectPath());
        Assert.Equal(managerId, (await app.LeadAsync(lead)).OwnerId);
    }

    [Fact]
    public async Task BulkPriority_SetsThePriorityOfTheSelectedLeads()
    {
        var first = await app.CreateLeadAsync();
        var second = await app.CreateLeadAsync(configure: l => l.Priority = LeadPriority.Low);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{first}"), ("ids", $"{second}"), ("action", "priority:High"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LeadPriority.High, (await app.LeadAsync(first)).Priority);
        Assert.Equal(LeadPriority.High, (await app.LeadAsync(second)).Priority);
    }

    [Fact]
    public async Task BulkStage_MovesTheSelectedLeads()
    {
        var first = await app.CreateLeadAsync();
        var second = await app.CreateLeadAsync();
        var qualified = await app.StageAsync("qualified");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{first}"), ("ids", $"{second}"), ("action", $"stage:{qualified.Id}"));

        Assert.Equal("s:Updated 2 leads.", response.Toast());
        Assert.Equal(qualified.Id, (await app.LeadAsync(first)).StageId);
        Assert.Equal(qualified.Id, (await app.LeadAsync(second)).StageId);
    }

    [Fact]
    public async Task BulkStage_ToAStageThatNeedsDetails_IsRefusedWithAnErrorToast()
    {
        var lead = await app.CreateLeadAsync();
        var proposal = await app.StageAsync("proposal");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{lead}"), ("action", $"stage:{proposal.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("e:Proposal needs Proposal amount", response.Toast(), StringComparison.Ordinal);
        Assert.Equal((await app.StageAsync("new")).Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task BulkDelete_ByASalesRep_IsRefused_AndTheLeadsStay()
    {
        var first = await app.CreateLeadAsync();
        var second = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var page = await client.GetDocumentAsync("/leads");
        Assert.Null(page.QuerySelector("form#bulk option[value=delete]"));

        var response = await client.PostAsync(BulkForm(page), "/leads", ("ids", $"{first}"), ("ids", $"{second}"), ("action", "delete"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("e:", response.Toast(), StringComparison.Ordinal);
        Assert.False((await app.LeadAsync(first)).IsDeleted);
        Assert.False((await app.LeadAsync(second)).IsDeleted);
    }

    [Fact]
    public async Task BulkDelete_ThenRestore_ByAManager_GoesThroughTheTrash()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var deleted = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{lead}"), ("action", "delete"));
        var inTrash = (await app.LeadAsync(lead)).IsDeleted;
        var restored = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads?view=trash")), "/leads?view=trash", ("ids", $"{lead}"), ("action", "restore"));

        Assert.Equal("s:Moved to the trash: 1 lead.", deleted.Toast());
        Assert.True(inTrash);
        Assert.Equal("/leads?view=trash", restored.RedirectPath());
        Assert.Equal("s:Restored: 1 lead.", restored.Toast());
        Assert.False((await app.LeadAsync(lead)).IsDeleted);
    }

    [Fact]
    public async Task Bulk_WithoutAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var lead = await app.CreateLeadAsync();
        var repId = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads",
            ("__RequestVerificationToken", null), ("ids", $"{lead}"), ("action", $"assign:{repId}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await app.LeadAsync(lead)).OwnerId);
    }

    [Fact]
    public async Task Bulk_WithAnotherWorkspacesLeadId_LeavesThatLeadAlone()
    {
        var mine = await app.CreateLeadAsync();
        var theirs = await app.CreateLeadAsync(Northwind);
        var managerId = await app.UserIdAsync(LeadDeskAppFactory.Manager);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{mine}"), ("ids", $"{theirs}"), ("action", $"assign:{managerId}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(managerId, (await app.LeadAsync(mine)).OwnerId);
        Assert.Null((await app.LeadAsync(theirs, Northwind)).OwnerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("explode")]
    [InlineData("assign:not-a-guid")]
    [InlineData("priority:Urgent")]
    [InlineData("stage:00000000-0000-0000-0000-000000000000")]
    public async Task Bulk_WithAnUnknownAction_ShowsAnErrorToast_AndChangesNothing(string action)
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var before = await app.LeadAsync(lead);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", $"{lead}"), ("action", action));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("e:", response.Toast(), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await app.LeadAsync(lead)).Version);
    }

    [Fact]
    public async Task Bulk_WithNothingSelected_AsksToSelectLeads()
    {
        var client = await app.SignedInAsync(LeadDeskAppFactory.Manager);

        var response = await client.PostAsync(BulkForm(await client.GetDocumentAsync("/leads")), "/leads", ("ids", "not-a-guid"), ("action", "priority:High"));

        Assert.Equal("e:Select at least one lead.", response.Toast());
    }

    private static IHtmlFormElement BulkForm(IHtmlDocument page) =>
        page.QuerySelector<IHtmlFormElement>("form#bulk") ?? throw new InvalidOperationException("No bulk form.");
}
