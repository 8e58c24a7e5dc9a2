using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Leads;

public sealed class LeadStageServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task ChangeStage_ToAnotherStageOfThePipeline_MovesTheLead_AndRecordsIt()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");

        StageChangeResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);
        }

        Assert.Equal(new StageChangeResult(true, "New", "Qualified", null), result);
        await using var read = fixture.ScopeAs(acme.WorkspaceId, adminId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((acme.SecondStageId, 1), (lead.StageId, lead.Version));
        var moved = Assert.Single(await read.Get<ActivityService>().ListAsync(id), a => a.Type == ActivityType.StageChanged);
        Assert.Equal(("Moved from New to Qualified", "admin"), (moved.Title, moved.ActorName));
        var history = Assert.Single(await read.Get<HistoryService>().ListAsync(id), h => h.Field == "Stage");
        Assert.Equal(("New", "Qualified", "admin"), (history.OldValue, history.NewValue, history.ChangedBy));
    }

    [Fact]
    public async Task ChangeStage_ToTheCurrentStage_DoesNotMove()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.FirstStageId);

        Assert.False(result.Moved);
        Assert.DoesNotContain(await scope.Get<ActivityService>().ListAsync(id), a => a.Type == ActivityType.StageChanged);
    }

    [Fact]
    public async Task ChangeStage_ToAStageOfAnotherPipeline_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, partners.SecondStageId));

        Assert.Equal(["stageId"], error.ByField().Keys);
        Assert.Equal(acme.FirstStageId, (await scope.Get<LeadService>().GetAsync(id)).StageId);
    }

    [Fact]
    public async Task ChangeStage_ToAStageOfAnotherWorkspace_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, globex.SecondStageId));

        Assert.Equal(["stageId"], error.ByField().Keys);
    }

    [Fact]
    public async Task ChangeStage_OfAnotherWorkspacesLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var id = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, globex.SecondStageId));
    }

    [Theory]
    [InlineData(LeadStatus.Disqualified)]
    [InlineData(LeadStatus.Converted)]
    public async Task ChangeStage_OfAClosedLead_IsRejected(LeadStatus status)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice", status: status);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId));

        Assert.Equal(["stageId"], error.ByField().Keys);
        Assert.Equal(acme.FirstStageId, (await scope.Get<LeadService>().GetAsync(id)).StageId);
    }

    [Fact]
    public async Task ChangeStage_AfterDisqualifyAndReopen_Moves()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadService>().DisqualifyAsync(id, "bad_timing", null);
            await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId));
            await scope.Get<LeadService>().ReopenAsync(id);
        }

        await using var again = fixture.ScopeAs(acme.WorkspaceId);
        var result = await again.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);

        Assert.True(result.Moved);
    }

    [Fact]
    public async Task ChangeStage_WithMissingRequiredField_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "close_date", "Close date", StageFieldType.Date);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId));

        var messages = error.ByField();
        Assert.Equal(["stageFieldValues.close_date"], messages.Keys);
        Assert.Equal("Qualified needs Close date.", Assert.Single(messages["stageFieldValues.close_date"]));
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal(acme.FirstStageId, (await read.Get<LeadService>().GetAsync(id)).StageId);
        Assert.Equal(0, await read.Get<LeadDeskDbContext>().LeadStageValues.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task ChangeStage_WithABlankRequiredField_IsRejected(string? value)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = value }));

        Assert.Equal(["stageFieldValues.budget"], error.ByField().Keys);
    }

    [Fact]
    public async Task ChangeStage_WithTheRequiredField_MovesAndStoresTheValue()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var fieldId = await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "close_date", "Close date", StageFieldType.Date);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["close_date"] = "2026-03-01" });
            Assert.True(result.Moved);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var stored = await read.Get<LeadDeskDbContext>().LeadStageValues.SingleAsync();
        Assert.Equal((id, fieldId, "2026-03-01"), (stored.LeadId, stored.StageFieldId, stored.Value));
        var (field, value) = Assert.Single(await read.Get<LeadStageService>().FieldValuesAsync(id, acme.SecondStageId));
        Assert.Equal(("close_date", "2026-03-01"), (field.Key, value));
        Assert.Equal(acme.SecondStageId, (await read.Get<LeadService>().GetAsync(id)).StageId);
    }

    [Fact]
    public async Task ChangeStage_BackIntoAStage_ReusesTheStoredValues()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "1,500.50" });
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.FirstStageId);
        }

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);
            Assert.True(result.Moved);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal("1500.50", (await read.Get<LeadDeskDbContext>().LeadStageValues.SingleAsync()).Value);
    }

    [Fact]
    public async Task ChangeStage_WithANewValueForAStoredField_ReplacesIt()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "100" });
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.FirstStageId);
        }

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "250" });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal("250", (await read.Get<LeadDeskDbContext>().LeadStageValues.SingleAsync()).Value);
    }

    [Fact]
    public async Task ChangeStage_WithAnOptionalFieldLeftOut_Moves()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "notes", "Notes", StageFieldType.Text, isRequired: false);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);

        Assert.True(result.Moved);
        Assert.Equal(0, await scope.Get<LeadDeskDbContext>().LeadStageValues.CountAsync());
    }

    [Theory]
    [InlineData(StageFieldType.Number, "1500", "1500")]
    [InlineData(StageFieldType.Number, " 1500.50 ", "1500.50")]
    [InlineData(StageFieldType.Number, "-20", "-20")]
    [InlineData(StageFieldType.Number, "1,500", "1500")]
    [InlineData(StageFieldType.Number, "12,345,678.9", "12345678.9")]
    [InlineData(StageFieldType.Date, "2026-03-01", "2026-03-01")]
    [InlineData(StageFieldType.Date, "2026-03-01T10:30:00", "2026-03-01")]
    [InlineData(StageFieldType.Select, "gold", "Gold")]
    [InlineData(StageFieldType.Select, "Silver", "Silver")]
    [InlineData(StageFieldType.Boolean, "yes", "true")]
    [InlineData(StageFieldType.Boolean, "on", "true")]
    [InlineData(StageFieldType.Boolean, "FALSE", "false")]
    [InlineData(StageFieldType.Boolean, "0", "false")]
    [InlineData(StageFieldType.Text, "  Signed by the CFO ", "Signed by the CFO")]
    public async Task ChangeStage_WithAValidTypedValue_StoresItNormalised(StageFieldType type, string given, string stored)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "field", "Field", type, true, "Bronze", "Silver", "Gold");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["field"] = given });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal(stored, (await read.Get<LeadDeskDbContext>().LeadStageValues.SingleAsync()).Value);
    }

    [Theory]
    [InlineData(StageFieldType.Number, "abc")]
    [InlineData(StageFieldType.Number, "12 500 kr")]
    [InlineData(StageFieldType.Number, "1500,50")] // a Brazilian 1500.50, never 150050
    [InlineData(StageFieldType.Number, "1.500,50")]
    [InlineData(StageFieldType.Date, "2026-13-01")]
    [InlineData(StageFieldType.Date, "01/03/2026")]
    [InlineData(StageFieldType.Date, "tomorrow")]
    [InlineData(StageFieldType.Select, "Platinum")]
    [InlineData(StageFieldType.Boolean, "maybe")]
    public async Task ChangeStage_WithAnInvalidTypedValue_IsRejected(StageFieldType type, string given)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "field", "Field", type, false, "Bronze", "Silver", "Gold");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId, new Dictionary<string, string?> { ["field"] = given }));

        Assert.Equal(["stageFieldValues.field"], error.ByField().Keys);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal(acme.FirstStageId, (await read.Get<LeadService>().GetAsync(id)).StageId);
        Assert.Equal(0, await read.Get<LeadDeskDbContext>().LeadStageValues.CountAsync());
    }

    [Fact]
    public async Task ChangeStage_WithSeveralBadFields_ReportsEachOne()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "close_date", "Close date", StageFieldType.Date);
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "signed", "Signed", StageFieldType.Boolean, isRequired: false);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadStageService>().ChangeStageAsync(
            id, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "lots", ["signed"] = "perhaps" }));

        Assert.Equal(
            ["stageFieldValues.budget", "stageFieldValues.close_date", "stageFieldValues.signed"],
            error.ByField().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ChangeStage_IntoAnAssignUserStage_SetsTheOwner()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var closerId = await TestData.MemberAsync(fixture, acme, "closer", WorkspaceRole.Manager);
        await TestData.ConfigureStageAsync(fixture, acme, acme.SecondStageId, s =>
        {
            s.OwnershipMode = StageOwnershipMode.AssignUser;
            s.OwnershipUserId = closerId;
        });
        var id = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);

        StageChangeResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);
        }

        Assert.Equal(closerId, result.OwnerId);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((closerId, "closer"), (lead.OwnerId!.Value, lead.OwnerName));
        Assert.Contains(await read.Get<ActivityService>().ListAsync(id), a => a.Type == ActivityType.OwnerChanged);
        var owner = Assert.Single(await read.Get<HistoryService>().ListAsync(id), h => h.Field == "Owner");
        Assert.Equal(("rep", "closer"), (owner.OldValue, owner.NewValue));
    }

    [Fact]
    public async Task ChangeStage_IntoAKeepOwnerStage_KeepsTheOwner()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var id = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);

        Assert.Equal(repId, result.OwnerId);
        Assert.DoesNotContain(await scope.Get<ActivityService>().ListAsync(id), a => a.Type == ActivityType.OwnerChanged);
    }

    [Fact]
    public async Task ChangeStage_IntoARoundRobinStage_GivesLeadsToTheRolesMembersInTurn()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var reps = new[]
        {
            await TestData.MemberAsync(fixture, acme, "rep1", WorkspaceRole.SalesRep),
            await TestData.MemberAsync(fixture, acme, "rep2", WorkspaceRole.SalesRep),
            await TestData.MemberAsync(fixture, acme, "rep3", WorkspaceRole.SalesRep),
        };
        await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        await TestData.ConfigureStageAsync(fixture, acme, acme.SecondStageId, s =>
        {
            s.OwnershipMode = StageOwnershipMode.RoundRobin;
            s.OwnershipRole = WorkspaceRole.SalesRep;
        });
        var leads = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            leads.Add(await TestData.LeadAsync(fixture, acme, $"Lead{i}"));
        }

        var owners = new List<Guid?>();
        foreach (var id in leads)
        {
            await using var scope = fixture.ScopeAs(acme.WorkspaceId);
            owners.Add((await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId)).OwnerId);
        }

        Assert.Equal(reps.Order(), owners.Take(3).Select(o => o!.Value).Order());
        Assert.Equal(owners[0], owners[3]);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var saved = await read.Get<LeadDeskDbContext>().Leads.Where(l => leads.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.OwnerId);
        Assert.Equal(owners, leads.Select(id => saved[id]));
        Assert.Equal(owners[3], (await read.Get<LeadDeskDbContext>().Stages.SingleAsync(s => s.Id == acme.SecondStageId)).LastAssignedUserId);
    }

    [Fact]
    public async Task ChangeStage_IntoARoundRobinStageOfAnEmptyRole_KeepsTheOwner()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.ConfigureStageAsync(fixture, acme, acme.SecondStageId, s =>
        {
            s.OwnershipMode = StageOwnershipMode.RoundRobin;
            s.OwnershipRole = WorkspaceRole.Manager;
        });
        var id = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var result = await scope.Get<LeadStageService>().ChangeStageAsync(id, acme.SecondStageId);

        Assert.Equal(repId, result.OwnerId);
    }

    [Fact]
    public void NextInTurn_WrapsRound_AndStartsAtTheFirstForAnUnknownLast()
    {
        Guid[] members = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];

        Assert.Equal(members[0], StageOwnership.NextInTurn(members, null));
        Assert.Equal(members[1], StageOwnership.NextInTurn(members, members[0]));
        Assert.Equal(members[0], StageOwnership.NextInTurn(members, members[2]));
        Assert.Equal(members[0], StageOwnership.NextInTurn(members, Guid.NewGuid()));
    }
}
