using System.Text.Json;
using FluentValidation;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.WebForms;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Pipelines;

public sealed class PipelineSettingsServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task CreatePipeline_StartsWithOneStage_IsNotTheDefault_AndIsLogged()
    {
        var (acme, adminId) = await AdminAsync();

        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<PipelineSettingsService>().CreatePipelineAsync(new PipelineInput("  Partners "));
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var pipelines = await read.Get<PipelineSettingsService>().ListAsync(PipelineModule.Leads);
        Assert.Equal([("Sales", true), ("Partners", false)], pipelines.Select(p => (p.Name, p.IsDefault)));
        var stage = Assert.Single(pipelines[1].Stages);
        Assert.Equal(("new", "New", 0, 0), (stage.Key, stage.Name, stage.SortOrder, stage.Leads));
        var log = await read.Get<LeadDeskDbContext>().SettingsChanges.OrderBy(c => c.Area).ToListAsync();
        Assert.Equal([(SettingsAreas.Pipeline, SettingsActions.Created, "Partners"), (SettingsAreas.Stage, SettingsActions.Created, "New")],
            log.Select(c => (c.Area, c.Action, c.Subject)));
        Assert.All(log, c => Assert.Equal(adminId, c.ChangedById));
        Assert.Null(log[0].Before);
        Assert.Equal("Partners", JsonDocument.Parse(log[0].After!).RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("", "Name", "Enter the pipeline's name.")]
    [InlineData("sales", "name", "There is already a pipeline called sales.")]
    public async Task CreatePipeline_WithoutANameOrWithATakenOne_IsRefusedOnTheName(string name, string field, string message)
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<PipelineSettingsService>().CreatePipelineAsync(new PipelineInput(name)));

        Assert.Equal([message], refusal.ByField()[field]);
        Assert.Equal(1, await scope.Get<LeadDeskDbContext>().Pipelines.CountAsync());
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task OnlyAdmins_ChangePipelinesAndStages(WorkspaceRole role)
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var memberId = await TestData.MemberAsync(database.Fixture, acme, "member", role);
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, memberId, role);
        var settings = scope.Get<PipelineSettingsService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => settings.CreatePipelineAsync(new PipelineInput("Mine")));
        await Assert.ThrowsAsync<ForbiddenException>(() => settings.UpdateStageAsync(acme.FirstStageId, new StageInput { Name = "Renamed" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => settings.ReorderStagesAsync(acme.PipelineId, [acme.SecondStageId, acme.FirstStageId]));
        await Assert.ThrowsAsync<ForbiddenException>(() => settings.DeleteStageAsync(acme.SecondStageId, acme.FirstStageId));
        Assert.Equal(2, (await settings.ListAsync(PipelineModule.Leads)).Single().Stages.Count); // reading is allowed
    }

    [Fact]
    public async Task AnotherWorkspacesPipelinesAndStages_AreNotFound()
    {
        var (acme, adminId) = await AdminAsync();
        var other = await TestData.NewWorkspaceAsync(database.Fixture, "other");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var settings = scope.Get<PipelineSettingsService>();

        await Assert.ThrowsAsync<NotFoundException>(() => settings.RenamePipelineAsync(other.PipelineId, new PipelineInput("Mine")));
        await Assert.ThrowsAsync<NotFoundException>(() => settings.UpdateStageAsync(other.FirstStageId, new StageInput { Name = "Mine" }));
        await Assert.ThrowsAsync<NotFoundException>(() => settings.DeleteStageAsync(other.SecondStageId, null));
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => settings.CreateStageAsync(other.PipelineId, new StageInput { Name = "Planted" }));
        Assert.Contains("pipelineId", refusal.ByField().Keys);
    }

    [Fact]
    public async Task SetDefault_MovesTheFlag_AndTheOldDefaultCannotBeDeletedUntilThen()
    {
        var (acme, adminId) = await AdminAsync();
        var partners = await TestData.PipelineAsync(database.Fixture, acme, "Partners");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var settings = scope.Get<PipelineSettingsService>();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => settings.DeletePipelineAsync(acme.PipelineId, null));
        await settings.SetDefaultPipelineAsync(partners.PipelineId);

        Assert.Equal("Sales is the default pipeline. Make another pipeline the default first.", refusal.Errors.Single().ErrorMessage);
        Assert.Equal([("Partners", true), ("Sales", false)], (await settings.ListAsync(PipelineModule.Leads)).Select(p => (p.Name, p.IsDefault)));
    }

    [Fact]
    public async Task DeletePipeline_WithLeads_AsksWhereTheyGo_ThenMovesThemAll_WithHistory()
    {
        var (acme, adminId) = await AdminAsync();
        var partners = await TestData.PipelineAsync(database.Fixture, acme, "Partners");
        var open = await TestData.LeadAsync(database.Fixture, acme, "Open", l => (l.PipelineId, l.StageId) = (partners.PipelineId, partners.SecondStageId));
        var trashed = await TestData.LeadAsync(database.Fixture, acme, "Trashed", l => (l.PipelineId, l.StageId) = (partners.PipelineId, partners.FirstStageId));
        var stays = await TestData.LeadAsync(database.Fixture, acme, "Stays");
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<LeadService>().DeleteAsync(trashed);
            var db = scope.Get<LeadDeskDbContext>();
            db.WebForms.Add(new WebForm("partner-form", "Partner form", "firstName email") { StageId = partners.FirstStageId });
            await db.SaveChangesAsync();
        }

        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            var settings = scope.Get<PipelineSettingsService>();
            var missing = await Assert.ThrowsAsync<ValidationException>(() => settings.DeletePipelineAsync(partners.PipelineId, null));
            Assert.Equal(["2 leads (the trash included) are in it. Choose the stage they move to."], missing.ByField()["moveToStageId"]);
            var inside = await Assert.ThrowsAsync<ValidationException>(() => settings.DeletePipelineAsync(partners.PipelineId, partners.SecondStageId));
            Assert.Equal(["Choose a stage of another lead pipeline for its leads."], inside.ByField()["moveToStageId"]);

            Assert.Equal(2, await settings.DeletePipelineAsync(partners.PipelineId, acme.SecondStageId));
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var leads = await read.Get<LeadDeskDbContext>().Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking().ToDictionaryAsync(l => l.Id);
        Assert.Equal((acme.PipelineId, acme.SecondStageId, 1), (leads[open].PipelineId, leads[open].StageId, leads[open].Version));
        Assert.Equal((acme.PipelineId, acme.SecondStageId, true), (leads[trashed].PipelineId, leads[trashed].StageId, leads[trashed].IsDeleted));
        Assert.Equal(acme.FirstStageId, leads[stays].StageId);
        var history = await read.Get<HistoryService>().ListAsync(open);
        Assert.Contains(history, h => (h.Field, h.OldValue, h.NewValue) == ("Stage", "Won", "Qualified"));
        Assert.Contains(history, h => (h.Field, h.OldValue, h.NewValue) == ("Pipeline", "Partners", "Sales"));
        Assert.Equal(acme.SecondStageId, (await read.Get<LeadDeskDbContext>().WebForms.SingleAsync()).StageId);
        Assert.False(await read.Get<LeadDeskDbContext>().Stages.AnyAsync(s => s.PipelineId == partners.PipelineId));
    }

    [Fact]
    public async Task DeletePipeline_WithNothingInIt_NeedsNoDestination()
    {
        var (acme, adminId) = await AdminAsync();
        var partners = await TestData.PipelineAsync(database.Fixture, acme, "Partners");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);

        Assert.Equal(0, await scope.Get<PipelineSettingsService>().DeletePipelineAsync(partners.PipelineId, null));

        Assert.Equal(1, await scope.Get<LeadDeskDbContext>().Pipelines.CountAsync());
        Assert.Contains(await scope.Get<LeadDeskDbContext>().SettingsChanges.ToListAsync(),
            c => (c.Area, c.Action, c.Subject) == (SettingsAreas.Pipeline, SettingsActions.Deleted, "Partners"));
    }

    [Fact]
    public async Task CreateStage_GoesLast_WithAKeyMadeFromItsName_AndThePaletteColour()
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var settings = scope.Get<PipelineSettingsService>();

        var id = await settings.CreateStageAsync(acme.PipelineId, new StageInput { Name = "Proposta enviada", Probability = 60, RottingDays = 14 });
        await settings.CreateStageAsync(acme.PipelineId, new StageInput { Name = "Proposta, enviada!", Color = "#123abc" });

        var stages = (await settings.ListAsync(PipelineModule.Leads)).Single().Stages;
        Assert.Equal(["new", "qualified", "proposta_enviada", "proposta_enviada_2"], stages.Select(s => s.Key));
        Assert.Equal([0, 1, 2, 3], stages.Select(s => s.SortOrder));
        var added = stages.Single(s => s.Id == id);
        Assert.Equal((StageColors.Palette[2], 60, (int?)14), (added.Color, added.Probability, added.RottingDays));
        Assert.Equal("#123abc", stages[3].Color);
    }

    [Theory]
    [InlineData("qualified", "key", "Another stage of this pipeline has the key qualified.")]
    [InlineData("Has Spaces", "Key", "A key starts with a letter and has only lower-case letters, digits and underscores, like qualified_lead.")]
    [InlineData("lost", "Key", "“lost” is what closed leads report; choose another key.")]
    public async Task CreateStage_RefusesATakenReservedOrMalformedKey(string key, string field, string message)
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<PipelineSettingsService>().CreateStageAsync(acme.PipelineId, new StageInput { Name = "Won", Key = key }));

        Assert.Equal([message], refusal.ByField()[field]);
    }

    [Fact]
    public async Task StageInput_IsCheckedFieldByField()
    {
        var refusal = await new StageInputValidator().ValidateAsync(new StageInput { Name = " ", Color = "red", Probability = 101, RottingDays = 0 });

        Assert.Equal(["Color", "Name", "Probability", "RottingDays"], refusal.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public async Task UpdateStage_ChangesItsFields_AndLogsOnlyWhatChanged()
    {
        var (acme, adminId) = await AdminAsync();
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<PipelineSettingsService>().UpdateStageAsync(acme.SecondStageId,
                new StageInput { Name = "Sales qualified", Key = "sql", Color = "#7a9a3c", Probability = 55, RottingDays = 7 });
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var stage = await read.Get<LeadDeskDbContext>().Stages.SingleAsync(s => s.Id == acme.SecondStageId);
        Assert.Equal(("Sales qualified", "sql", 55, (int?)7), (stage.Name, stage.Key, stage.Probability, stage.RottingDays));
        var change = await read.Get<LeadDeskDbContext>().SettingsChanges.SingleAsync();
        Assert.Equal("""{"name":"Qualified","key":"qualified","probability":50,"rottingDays":null}""", change.Before);
        Assert.Equal("""{"name":"Sales qualified","key":"sql","probability":55,"rottingDays":7}""", change.After);
    }

    [Fact]
    public async Task UpdateStage_SavedAsItWas_LogsNothing()
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);

        await scope.Get<PipelineSettingsService>().UpdateStageAsync(acme.FirstStageId, new StageInput { Name = "New", Probability = 10 });

        Assert.False(await scope.Get<LeadDeskDbContext>().SettingsChanges.AnyAsync());
    }

    [Fact]
    public async Task Reorder_PutsTheStagesInTheGivenOrder_AndRefusesAnythingButTheWholeSet()
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var settings = scope.Get<PipelineSettingsService>();
        var third = await settings.CreateStageAsync(acme.PipelineId, new StageInput { Name = "Won" });

        await settings.ReorderStagesAsync(acme.PipelineId, [third, acme.FirstStageId, acme.SecondStageId]);
        var partial = await Assert.ThrowsAsync<ValidationException>(() => settings.ReorderStagesAsync(acme.PipelineId, [acme.FirstStageId, third]));
        var twice = await Assert.ThrowsAsync<ValidationException>(() => settings.ReorderStagesAsync(acme.PipelineId, [third, third, acme.FirstStageId]));

        Assert.Equal(["Won", "New", "Qualified"], (await settings.ListAsync(PipelineModule.Leads)).Single().Stages.Select(s => s.Name));
        Assert.All(new[] { partial, twice }, r => Assert.Equal(["List each of the pipeline's 3 stages once, in the new order."], r.ByField()["stageIds"]));
        var log = await scope.Get<LeadDeskDbContext>().SettingsChanges.SingleAsync(c => c.Action == SettingsActions.Reordered);
        Assert.Equal("""{"stages":"Won, New, Qualified"}""", log.After);
    }

    [Fact]
    public async Task DeleteStage_MovesItsLeads_KeepsItsNameInHistory_AndClosesTheGap()
    {
        var (acme, adminId) = await AdminAsync();
        var lead = await TestData.LeadAsync(database.Fixture, acme, "Moved");
        Guid proposal;
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            proposal = await scope.Get<PipelineSettingsService>().CreateStageAsync(acme.PipelineId, new StageInput { Name = "Proposal" });
            await scope.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId);
        }

        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            var settings = scope.Get<PipelineSettingsService>();
            var missing = await Assert.ThrowsAsync<ValidationException>(() => settings.DeleteStageAsync(acme.SecondStageId, null));
            Assert.Equal(["1 lead (the trash included) is in it. Choose the stage it moves to."], missing.ByField()["moveToStageId"]);
            Assert.Equal(1, await settings.DeleteStageAsync(acme.SecondStageId, proposal));
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        Assert.Equal(proposal, (await read.Get<LeadService>().GetAsync(lead)).StageId);
        var stages = await read.Get<LeadDeskDbContext>().Stages.OrderBy(s => s.SortOrder).Select(s => new { s.Name, s.SortOrder }).ToListAsync();
        Assert.Equal([("New", 0), ("Proposal", 1)], stages.Select(s => (s.Name, s.SortOrder)));
        var moves = (await read.Get<HistoryService>().ListAsync(lead)).Where(h => h.Field == "Stage").Select(h => (h.OldValue, h.NewValue)).ToList();
        Assert.Equal([("Qualified", "Proposal"), ("New", "Qualified")], moves); // newest first; the deleted stage keeps its name
    }

    [Fact]
    public async Task DeleteStage_ThePipelinesOnlyStage_IsRefused()
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var settings = scope.Get<PipelineSettingsService>();
        await settings.DeleteStageAsync(acme.SecondStageId, null);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => settings.DeleteStageAsync(acme.FirstStageId, null));

        Assert.Equal("New is its pipeline's only stage. Add another stage first, or delete the pipeline.", refusal.Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task AnOwnershipRule_IsCheckedThenAppliedWhenLeadsEnterTheStage_InTurn()
    {
        var (acme, adminId) = await AdminAsync();
        var ann = await TestData.MemberAsync(database.Fixture, acme, "ann", WorkspaceRole.SalesRep);
        var bob = await TestData.MemberAsync(database.Fixture, acme, "bob", WorkspaceRole.SalesRep);
        var stranger = await TestData.UserAsync(database.Fixture, "stranger");
        var first = await TestData.LeadAsync(database.Fixture, acme, "First");
        var second = await TestData.LeadAsync(database.Fixture, acme, "Second");
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            var settings = scope.Get<PipelineSettingsService>();
            var outsider = await Assert.ThrowsAsync<ValidationException>(() =>
                settings.SetOwnershipAsync(acme.SecondStageId, new StageOwnershipRule(StageOwnershipMode.AssignUser, stranger)));
            Assert.Equal(["Choose the member who takes every lead that enters the stage."], outsider.ByField()["userId"]);
            await settings.SetOwnershipAsync(acme.SecondStageId, new StageOwnershipRule(StageOwnershipMode.RoundRobin, Role: WorkspaceRole.SalesRep));
        }

        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(first, acme.SecondStageId);
            await scope.Get<LeadStageService>().ChangeStageAsync(second, acme.SecondStageId);
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var owners = new[] { (await read.Get<LeadService>().GetAsync(first)).OwnerId, (await read.Get<LeadService>().GetAsync(second)).OwnerId };
        Assert.Equal(new HashSet<Guid?> { ann, bob }, owners.ToHashSet());
        var rule = (await read.Get<PipelineSettingsService>().StageAsync(acme.SecondStageId)).Ownership;
        Assert.Equal(new StageOwnershipRule(StageOwnershipMode.RoundRobin, null, WorkspaceRole.SalesRep), rule);
    }

    [Theory]
    [InlineData("Proposta enviada", "proposta_enviada")]
    [InlineData("  Négociação / Fechamento ", "negociacao_fechamento")]
    [InlineData("2nd call", "stage_2nd_call")]
    [InlineData("!!!", "stage")]
    [InlineData("Lost", "lost_2")]
    [InlineData("New", "new_2")]
    public void StageKeys_AreMadeFromNames(string name, string key) =>
        Assert.Equal(key, StageKeys.From(name, ["new"]));

    private async Task<(WorkspaceSeed Workspace, Guid AdminId)> AdminAsync()
    {
        var workspace = await TestData.NewWorkspaceAsync(database.Fixture);
        return (workspace, await TestData.MemberAsync(database.Fixture, workspace, "admin", WorkspaceRole.Admin));
    }
}
