using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>/leads/{id}/move: the keyboard and no-JavaScript way to move a lead, with the fields a stage asks for.</summary>
public sealed class MoveLeadPageTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task MovePage_ListsThePipelinesStages_WithTheCurrentOneDisabled()
    {
        var lead = await app.CreateLeadAsync(stageKey: "contacted");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync($"/leads/{lead}/move?returnUrl=/board");

        var stages = await app.StagesAsync();
        Assert.Equal(stages.Select(s => $"{s.Id}"), page.QuerySelectorAll("input[type=radio][name=stageId]").Select(r => r.GetAttribute("value")));
        Assert.True(page.QuerySelector($"#stage-{(await app.StageAsync("contacted")).Id}")!.HasAttribute("disabled"));
        Assert.Equal("/board", page.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-testid=move-problem]"));
    }

    [Fact]
    public async Task Move_ToAStageThatNeedsAField_ReRendersWithTheField_AndMovesNothing()
    {
        var lead = await app.CreateLeadAsync(stageKey: "qualified");
        var proposal = await app.StageAsync("proposal");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}/move?returnUrl=/board", "move", ("stageId", $"{proposal.Id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Proposal needs a few details", page.QuerySelector("[data-testid=move-problem]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[name='field.proposal_amount']"));
        Assert.True(page.QuerySelector<IHtmlInputElement>($"#stage-{proposal.Id}")!.IsChecked);
        Assert.Equal("/board", page.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.Equal((await app.StageAsync("qualified")).Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task Move_WithTheFieldFilledIn_MovesAndGoesBackToTheReturnUrl()
    {
        var lead = await app.CreateLeadAsync(stageKey: "qualified");
        var proposal = await app.StageAsync("proposal");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var asked = await (await client.SubmitAsync($"/leads/{lead}/move?returnUrl=%2Fboard%3Fpriority%3Dhigh", "move", ("stageId", $"{proposal.Id}"))).ParseAsync();

        var response = await client.PostAsync(asked.FormNamed("move"), $"/leads/{lead}/move", ("field.proposal_amount", "7,500"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/board?priority=high", response.RedirectPath());
        Assert.EndsWith("moved to Proposal.", response.Toast(), StringComparison.Ordinal);
        Assert.Equal(proposal.Id, (await app.LeadAsync(lead)).StageId);
        Assert.Single(await app.QueryAsync(db => db.LeadStageValues.Where(v => v.LeadId == lead).ToListAsync()));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task Move_WithAForeignReturnUrl_GoesBackToTheLeadInstead(string returnUrl)
    {
        var lead = await app.CreateLeadAsync();
        var contacted = await app.StageAsync("contacted");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var page = await client.GetDocumentAsync($"/leads/{lead}/move?returnUrl={Uri.EscapeDataString(returnUrl)}");

        var response = await client.PostAsync(page.FormNamed("move"), $"/leads/{lead}/move", ("stageId", $"{contacted.Id}"), ("returnUrl", returnUrl));

        Assert.Equal($"/leads/{lead}", page.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));
        Assert.Equal($"/leads/{lead}", page.QuerySelector(".ld-form-actions a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/leads/{lead}", response.RedirectPath());
        Assert.Equal(contacted.Id, (await app.LeadAsync(lead)).StageId);
    }

    [Fact]
    public async Task Move_WithoutChoosingAStage_AsksForOne()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}/move", "move", ("stageId", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose the stage to move this lead to.", (await response.ParseAsync()).QuerySelector("[data-testid=move-problem]")?.TextContent);
    }

    [Fact]
    public async Task MovePage_OpenedWithAStage_AsksForItsFieldsStraightAway()
    {
        var lead = await app.CreateLeadAsync(stageKey: "proposal");
        var negotiation = await app.StageAsync("negotiation");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var page = await client.GetDocumentAsync($"/leads/{lead}/move?stageId={negotiation.Id}");

        Assert.Equal("date", page.QuerySelector("input[name='field.close_date']")?.GetAttribute("type"));
        Assert.NotNull(page.QuerySelector("input[name='field.decision_maker']"));
        Assert.True(page.QuerySelector<IHtmlInputElement>($"#stage-{negotiation.Id}")!.IsChecked);
    }

    [Fact]
    public async Task LeadHeaderMoveForm_ToAPlainStage_MovesAndStaysOnTheLead()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var page = await client.GetDocumentAsync($"/leads/{lead}");
        var form = page.QuerySelector<IHtmlFormElement>("form[data-move-form]")!;

        var response = await client.PostAsync(form, $"/leads/{lead}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/leads/{lead}", response.RedirectPath());
        Assert.Equal((await app.StageAsync("contacted")).Id, (await app.LeadAsync(lead)).StageId); // the next stage is preselected
    }

    [Fact]
    public async Task LeadHeaderMoveForm_ToAStageThatNeedsAField_LandsOnTheMovePageAskingForIt()
    {
        var lead = await app.CreateLeadAsync(stageKey: "qualified");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var form = (await client.GetDocumentAsync($"/leads/{lead}")).QuerySelector<IHtmlFormElement>("form[data-move-form]")!;

        var response = await client.PostAsync(form, $"/leads/{lead}", ("stageId", $"{(await app.StageAsync("proposal")).Id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("[data-testid=move-problem]"));
        Assert.NotNull(page.QuerySelector("input[name='field.proposal_amount']"));
    }

    [Fact]
    public async Task Move_WithoutAntiforgeryToken_IsRefused()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.SubmitAsync($"/leads/{lead}/move", "move", ("__RequestVerificationToken", null), ("stageId", $"{(await app.StageAsync("contacted")).Id}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((await app.StageAsync("new")).Id, (await app.LeadAsync(lead)).StageId);
    }
}
