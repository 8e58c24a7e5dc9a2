using Bunit;
using LeadDesk.Core.Pipelines;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings.Pipelines;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>
/// Settings → Pipelines and stages: add a pipeline, add and edit stages in a dialog (refusals beside the fields, the input
/// kept), reorder with the arrows, and delete a stage with leads only once the admin chose where they go.
/// </summary>
public sealed class PipelinesPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AnAdmin_AddsAPipeline_WhichStartsWithOneStage()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<PipelinesPage>(context);

        await TypeAsync(page, "#new-pipeline-name", "Partners");
        await SubmitAsync(page, "pipeline-form");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-pipeline]").Count), Patience);
        Assert.Equal(["Pipeline Partners added, with a first stage: add the others below."], Snackbars(context, Severity.Success));
        var card = page.FindAll("[data-pipeline]")[1];
        Assert.Equal("Partners", card.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(["New"], card.QuerySelectorAll(".ld-stage-row strong").Select(s => s.TextContent));
        Assert.Single(page.FindAll("[data-testid=default-pipeline]"));
        Assert.Equal(2, await QueryAsync(Fixture, acme.WorkspaceId, db => db.Pipelines.CountAsync()));
    }

    [Fact]
    public async Task ATakenPipelineName_IsRefusedBesideTheField_WithTheNameKept()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<PipelinesPage>(context);

        await TypeAsync(page, "#new-pipeline-name", "SALES");
        await SubmitAsync(page, "pipeline-form");

        page.WaitForAssertion(() => Assert.Equal("There is already a pipeline called SALES.", FieldError(page, "#new-pipeline-name")), Patience);
        Assert.Equal("SALES", page.Find("#new-pipeline-name").GetAttribute("value"));
        Assert.Equal(1, await QueryAsync(Fixture, acme.WorkspaceId, db => db.Pipelines.CountAsync()));
    }

    [Fact]
    public async Task AddAStage_InTheDialog_ThenEditIt_ARefusedKeyStaysTypedBesideItsField()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, dialogs, _) = Render<PipelinesPage>(context);

        var adding = page.Find("[data-testid=add-stage]").ClickAsync(new MouseEventArgs());
        dialogs.WaitForElement("[data-testid=stage-dialog]", Patience);
        await TypeAsync(dialogs, "input[data-field=name]", "Proposal sent");
        await TypeAsync(dialogs, "input[data-field=probability]", "60");
        await dialogs.Find("form#stage-form").SubmitAsync();
        await adding.WaitAsync(Patience);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".ld-stage-row").Count), Patience);
        var stage = await QueryAsync(Fixture, acme.WorkspaceId, db => db.Stages.SingleAsync(s => s.Name == "Proposal sent"));
        Assert.Equal(("proposal_sent", 60, 2), (stage.Key, stage.Probability, stage.SortOrder));
        Assert.Contains("Stage added.", Snackbars(context, Severity.Success));

        var editing = Button(page, "Edit Proposal sent").ClickAsync(new MouseEventArgs());
        dialogs.WaitForElement("[data-testid=stage-dialog]", Patience);
        Assert.Equal("proposal_sent", dialogs.Find("input[data-field=key]").GetAttribute("value"));
        await TypeAsync(dialogs, "input[data-field=key]", "qualified");
        await dialogs.Find("form#stage-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Equal("Another stage of this pipeline has the key qualified.", FieldError(dialogs, "input[data-field=key]")), Patience);
        Assert.Equal("qualified", dialogs.Find("input[data-field=key]").GetAttribute("value"));
        await Button(dialogs, "Cancel").ClickAsync(new MouseEventArgs());
        await editing.WaitAsync(Patience);
        Assert.Equal("proposal_sent", (await QueryAsync(Fixture, acme.WorkspaceId, db => db.Stages.SingleAsync(s => s.Id == stage.Id))).Key);
    }

    [Fact]
    public async Task TheArrows_ReorderTheStages_FromTheKeyboard()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<PipelinesPage>(context);
        Assert.True(Button(page, "Move New up").HasAttribute("disabled"));

        await ClickAsync(page, "Move New down");

        page.WaitForAssertion(() => Assert.Equal(["Qualified", "New"], page.FindAll(".ld-stage-row strong").Select(s => s.TextContent)), Patience);
        Assert.Contains("Stages reordered.", Snackbars(context, Severity.Success));
        var order = await QueryAsync(Fixture, acme.WorkspaceId, db => db.Stages.OrderBy(s => s.SortOrder).Select(s => s.Id).ToListAsync());
        Assert.Equal([acme.SecondStageId, acme.FirstStageId], order);
    }

    [Fact]
    public async Task DeletingAStageWithLeads_AsksWhereTheyGo_AndMovesThem()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var lead = await TestData.LeadAsync(Fixture, acme, "Waiting", secondStage: true);
        var (page, dialogs, popovers) = Render<PipelinesPage>(context);
        Assert.Equal("1 lead", page.Find($"[data-stage='{acme.SecondStageId}'] [data-testid=stage-leads]").TextContent);

        var deleting = Button(page, "Delete Qualified").ClickAsync(new MouseEventArgs());
        dialogs.WaitForElement("[data-testid=delete-setting-dialog]", Patience);
        await dialogs.Find("[data-testid=confirm-delete]").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Equal("1 lead (the trash included) is in it. Choose the stage it moves to.",
            FieldError(dialogs, "input[data-testid=move-to]")), Patience);
        await ChooseAsync(dialogs, popovers, "move-to", "Sales · New");
        await dialogs.Find("[data-testid=confirm-delete]").ClickAsync(new MouseEventArgs());
        await deleting.WaitAsync(Patience);

        page.WaitForAssertion(() => Assert.Equal(["New"], page.FindAll(".ld-stage-row strong").Select(s => s.TextContent)), Patience);
        Assert.Contains("Deleted; its lead moved.", Snackbars(context, Severity.Success));
        Assert.Equal(acme.FirstStageId, await QueryAsync(Fixture, acme.WorkspaceId, db => db.Leads.Where(l => l.Id == lead).Select(l => l.StageId).SingleAsync()));
        Assert.True(Button(page, "Delete New").HasAttribute("disabled")); // a pipeline keeps one stage
    }

    [Fact]
    public async Task AStagesFields_AreAddedInItsDialog_ASelectWithoutChoicesIsRefused_WithTheLabelKept()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, dialogs, popovers) = Render<PipelinesPage>(context);

        var opening = Button(page, "Fields Qualified asks for").ClickAsync(new MouseEventArgs());
        dialogs.WaitForElement("[data-testid=no-fields]", Patience);
        await TypeAsync(dialogs, "input[data-field=label]", "Plan");
        await ChooseAsync(dialogs, popovers, "field-type", "Choice from a list");
        await TickAsync(dialogs, "[data-field=required]", true);
        await SubmitAsync(dialogs, "field-form");
        dialogs.WaitForAssertion(() => Assert.Equal("A select field needs its choices, one per line.", FieldError(dialogs, "textarea[data-field=options]")), Patience);
        Assert.Equal("Plan", dialogs.Find("input[data-field=label]").GetAttribute("value"));

        await TypeAsync(dialogs, "textarea[data-field=options]", "Pro\nTeam");
        await SubmitAsync(dialogs, "field-form");
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-field-id]")), Patience);
        Assert.Contains("Field added.", Snackbars(context, Severity.Success));
        await Button(dialogs, "Done").ClickAsync(new MouseEventArgs());
        await opening.WaitAsync(Patience);

        await using var scope = Fixture.ScopeAs(acme.WorkspaceId);
        var field = Assert.Single(await scope.Get<PipelineDirectory>().FieldsAsync(acme.SecondStageId));
        Assert.Equal(("plan", StageFieldType.Select, true), (field.Key, field.Type, field.IsRequired));
        Assert.Equal(["Pro", "Team"], field.Choices);
    }

    [Fact]
    public async Task AStagesOwnershipRule_IsSetInItsDialog()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, dialogs, popovers) = Render<PipelinesPage>(context);

        var editing = Button(page, "Edit Qualified").ClickAsync(new MouseEventArgs());
        dialogs.WaitForElement("[data-testid=stage-dialog]", Patience);
        await ChooseAsync(dialogs, popovers, "ownership-mode", "The members with a role take turns");
        await dialogs.Find("form#stage-form").SubmitAsync();
        dialogs.WaitForAssertion(() => Assert.Equal("Choose the role whose members take turns.", FieldError(dialogs, "input[data-testid=ownership-role]")), Patience);
        await ChooseAsync(dialogs, popovers, "ownership-role", "Sales rep");
        await dialogs.Find("form#stage-form").SubmitAsync();
        await editing.WaitAsync(Patience);

        page.WaitForAssertion(() => Assert.Equal("Sales rep: owners in turn", page.Find($"[data-stage='{acme.SecondStageId}'] [data-testid=stage-owner]").TextContent), Patience);
        var stage = await QueryAsync(Fixture, acme.WorkspaceId, db => db.Stages.SingleAsync(s => s.Id == acme.SecondStageId));
        Assert.Equal((StageOwnershipMode.RoundRobin, (LeadDesk.Core.Workspaces.WorkspaceRole?)LeadDesk.Core.Workspaces.WorkspaceRole.SalesRep), (stage.OwnershipMode, stage.OwnershipRole));
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_IsRefused_AndNothingChanges()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<PipelinesPage>(context);
        await DemoteAsync(Fixture, acme, admin);

        await ClickAsync(page, "Move New down");

        page.WaitForAssertion(() => Assert.Equal(["Only admins can change lead settings."], Snackbars(context, Severity.Error)), Patience);
        Assert.Equal(["New", "Qualified"], page.FindAll(".ld-stage-row strong").Select(s => s.TextContent)); // put back as it was
        Assert.Equal(0, await QueryAsync(Fixture, acme.WorkspaceId, db => db.Stages.Where(s => s.Id == acme.FirstStageId).Select(s => s.SortOrder).SingleAsync()));
    }
}
