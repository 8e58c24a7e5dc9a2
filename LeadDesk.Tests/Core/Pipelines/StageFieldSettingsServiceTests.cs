using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Pipelines;

public sealed class StageFieldSettingsServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task AFieldAdded_IsAskedForWhenALeadEntersTheStage()
    {
        var (acme, adminId) = await AdminAsync();
        var lead = await TestData.LeadAsync(database.Fixture, acme, "Ann");
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<StageFieldSettingsService>().CreateAsync(acme.SecondStageId,
                new StageFieldInput { Label = "Budget owner", Type = StageFieldType.User, IsRequired = true });
        }

        await using var move = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var stages = move.Get<LeadStageService>();
        var missing = await Assert.ThrowsAsync<ValidationException>(() => stages.ChangeStageAsync(lead, acme.SecondStageId));
        var stranger = await Assert.ThrowsAsync<ValidationException>(() => stages.ChangeStageAsync(lead, acme.SecondStageId,
            new Dictionary<string, string?> { ["budget_owner"] = Guid.NewGuid().ToString() }));
        await stages.ChangeStageAsync(lead, acme.SecondStageId, new Dictionary<string, string?> { ["budget_owner"] = adminId.ToString() });

        Assert.Equal(["Qualified needs Budget owner."], missing.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["Budget owner must be a member of the workspace."], stranger.Errors.Select(e => e.ErrorMessage));
        var value = Assert.Single(await move.Get<LeadStageService>().FieldValuesAsync(lead, acme.SecondStageId));
        Assert.Equal(adminId.ToString(), value.Value);
    }

    [Theory]
    [InlineData(StageFieldType.Money, "1500.5", "1500.50")]
    [InlineData(StageFieldType.Money, "abc", null)]
    [InlineData(StageFieldType.LongText, "line one\nline two", "line one\nline two")]
    [InlineData(StageFieldType.User, "not-an-id", null)]
    public void NewTypes_ReadTheirValues(StageFieldType type, string typed, string? stored)
    {
        var field = new StageFieldInfo(Guid.NewGuid(), Guid.NewGuid(), "f", "Field", type, false, []);

        Assert.Equal(stored, StageFieldValues.Normalize(field, typed, out var error));
        Assert.Equal(stored is null, error is not null);
    }

    [Fact]
    public async Task ASelectNeedsDistinctChoices_AndTheKeyIsMadeFromTheLabel()
    {
        var (acme, adminId) = await AdminAsync();
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var fields = scope.Get<StageFieldSettingsService>();

        var none = await Assert.ThrowsAsync<ValidationException>(() => fields.CreateAsync(acme.SecondStageId, new StageFieldInput { Label = "Plan", Type = StageFieldType.Select }));
        var twice = await Assert.ThrowsAsync<ValidationException>(() => fields.CreateAsync(acme.SecondStageId,
            new StageFieldInput { Label = "Plan", Type = StageFieldType.Select, Options = ["Pro", "pro "] }));
        var id = await fields.CreateAsync(acme.SecondStageId, new StageFieldInput { Label = "Plano contratado", Type = StageFieldType.Select, Options = [" Pro ", "", "Team"] });

        Assert.Equal(["A select field needs its choices, one per line."], none.ByField()["Options"]);
        Assert.Equal(["Each choice once."], twice.ByField()["Options"]);
        var field = Assert.Single(await fields.ListAsync(acme.SecondStageId));
        Assert.Equal((id, "plano_contratado"), (field.Id, field.Key));
        Assert.Equal(["Pro", "Team"], field.Choices);
    }

    [Fact]
    public async Task AChangeThatExistingValuesWouldNotFit_IsRefused_OneThatFitsIsKept()
    {
        var (acme, adminId) = await AdminAsync();
        var fieldId = await TestData.StageFieldAsync(database.Fixture, acme, acme.SecondStageId, "plan", "Plan", StageFieldType.Select, isRequired: false, "Pro", "Team");
        var lead = await TestData.LeadAsync(database.Fixture, acme, "Ann");
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId, new Dictionary<string, string?> { ["plan"] = "Team" });
        }

        await using var admin = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var fields = admin.Get<StageFieldSettingsService>();
        var dropped = await Assert.ThrowsAsync<ValidationException>(() => fields.UpdateAsync(acme.SecondStageId, fieldId,
            new StageFieldInput { Label = "Plan", Type = StageFieldType.Select, Options = ["Pro", "Enterprise"] }));
        var number = await Assert.ThrowsAsync<ValidationException>(() => fields.UpdateAsync(acme.SecondStageId, fieldId,
            new StageFieldInput { Label = "Plan", Type = StageFieldType.Number }));
        await fields.UpdateAsync(acme.SecondStageId, fieldId,
            new StageFieldInput { Label = "Plan chosen", Type = StageFieldType.Select, IsRequired = true, Options = ["Pro", "Team", "Enterprise"] });

        Assert.Equal(["1 lead has a value of Plan that the new setting would not accept. Change that value first."], dropped.ByField()["options"]);
        Assert.Contains("type", number.ByField().Keys);
        var field = Assert.Single(await fields.ListAsync(acme.SecondStageId));
        Assert.Equal(("plan", "Plan chosen", true, 3), (field.Key, field.Label, field.IsRequired, field.Choices.Count));
        Assert.Equal("Team", (await admin.Get<LeadStageService>().FieldValuesAsync(lead, acme.SecondStageId)).Single().Value);
    }

    [Fact]
    public async Task DeletingAField_WritesEachLeadsValueIntoItsHistory_WithTheLabel()
    {
        var (acme, adminId) = await AdminAsync();
        var fieldId = await TestData.StageFieldAsync(database.Fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Money);
        var lead = await TestData.LeadAsync(database.Fixture, acme, "Ann");
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "2500" });
        }

        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            Assert.Equal(1, await scope.Get<StageFieldSettingsService>().DeleteAsync(acme.SecondStageId, fieldId));
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        Assert.False(await read.Get<LeadDeskDbContext>().LeadStageValues.AnyAsync());
        var history = (await read.Get<HistoryService>().ListAsync(lead)).Where(h => h.Field == "Stage field").Select(h => (h.OldValue, h.NewValue)).ToList();
        Assert.Equal([("Budget: 2500.00", null), (null, "Budget: 2500.00")], history); // newest first; the earlier row reads the label too
        await Assert.ThrowsAsync<NotFoundException>(() => read.Get<StageFieldSettingsService>().DeleteAsync(acme.SecondStageId, fieldId));
    }

    [Fact]
    public async Task Reorder_AndTheRefusals_OfOtherRolesAndWorkspaces()
    {
        var (acme, adminId) = await AdminAsync();
        var first = await TestData.StageFieldAsync(database.Fixture, acme, acme.SecondStageId, "a", "A", isRequired: false);
        var second = await TestData.StageFieldAsync(database.Fixture, acme, acme.SecondStageId, "b", "B", isRequired: false);
        var other = await TestData.NewWorkspaceAsync(database.Fixture, "other");
        var managerId = await TestData.MemberAsync(database.Fixture, acme, "manager", WorkspaceRole.Manager);
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            var fields = scope.Get<StageFieldSettingsService>();
            await fields.ReorderAsync(acme.SecondStageId, [second, first]);
            Assert.Equal(["B", "A"], (await fields.ListAsync(acme.SecondStageId)).Select(f => f.Label));
            await Assert.ThrowsAsync<NotFoundException>(() => fields.CreateAsync(other.SecondStageId, new StageFieldInput { Label = "Planted" }));
            await Assert.ThrowsAsync<NotFoundException>(() => fields.UpdateAsync(acme.FirstStageId, first, new StageFieldInput { Label = "Moved" }));
        }
        await using var manager = database.Fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager);
        await Assert.ThrowsAsync<ForbiddenException>(() => manager.Get<StageFieldSettingsService>().DeleteAsync(acme.SecondStageId, first));
    }

    private async Task<(WorkspaceSeed Workspace, Guid AdminId)> AdminAsync()
    {
        var workspace = await TestData.NewWorkspaceAsync(database.Fixture);
        return (workspace, await TestData.MemberAsync(database.Fixture, workspace, "admin", WorkspaceRole.Admin));
    }
}
