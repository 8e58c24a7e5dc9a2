using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Leads;

public sealed class BulkLeadServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task Update_AssignOwner_SetsItOnEveryLead_WithHistoryActivitiesAndVersions()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob", ownerId: adminId);
        var untouched = await TestData.LeadAsync(fixture, acme, "Carol");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        BulkResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            result = await scope.Get<BulkLeadService>().UpdateAsync([alice, bob], new BulkChanges { OwnerId = repId });
        }

        Assert.Equal(new BulkResult(2, 2), result);
        await using var read = fixture.ScopeAs(acme.WorkspaceId, adminId);
        var db = read.Get<LeadDeskDbContext>();
        var leads = await db.Leads.OrderBy(l => l.FirstName).ToListAsync();
        Assert.Equal([repId, repId, null], leads.Select(l => l.OwnerId));
        Assert.Equal([1, 1, 0], leads.Select(l => l.Version));
        Assert.All(leads.Take(2), l => Assert.Equal((fixture.Clock.GetUtcNow().UtcDateTime, adminId), (l.UpdatedAt, l.UpdatedById!.Value)));
        var history = await db.LeadHistory.Where(h => h.Field == nameof(Lead.OwnerId)).ToListAsync();
        Assert.Equal(
            [(alice, null, repId.ToString()), (bob, adminId.ToString(), repId.ToString())],
            history.OrderBy(h => h.LeadId == bob).Select(h => (h.LeadId, h.OldValue, (string?)h.NewValue)));
        Assert.All(history, h => Assert.Equal(adminId, h.ChangedById));
        Assert.Equal(2, await db.LeadActivities.CountAsync(a => a.Type == ActivityType.OwnerChanged));
        Assert.False(await db.LeadHistory.AnyAsync(h => h.LeadId == untouched && h.Field != "Created"));
    }

    [Fact]
    public async Task Update_Unassign_ClearsTheOwner()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { Unassign = true });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Null((await read.Get<LeadService>().GetAsync(alice)).OwnerId);
    }

    [Fact]
    public async Task Update_SetPriority_ChangesOnlyTheLeadsThatDiffer()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob", l => l.Priority = LeadPriority.High);

        BulkResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            result = await scope.Get<BulkLeadService>().UpdateAsync([alice, bob], new BulkChanges { Priority = LeadPriority.High });
        }

        Assert.Equal(new BulkResult(2, 1), result);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var db = read.Get<LeadDeskDbContext>();
        Assert.Equal([(LeadPriority.High, 1), (LeadPriority.High, 0)], await db.Leads.OrderBy(l => l.FirstName).Select(l => new ValueTuple<LeadPriority, int>(l.Priority, l.Version)).ToListAsync());
        var row = await db.LeadHistory.SingleAsync(h => h.Field == nameof(Lead.Priority));
        Assert.Equal((alice, "Medium", "High"), (row.LeadId, row.OldValue, row.NewValue));
    }

    [Fact]
    public async Task Update_SetSource_SetsItAndABlankSourceClearsIt()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob", l => l.Source = "web");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([alice, bob], new BulkChanges { Source = "  trade show " });
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            Assert.Equal(["trade show", "trade show"], await scope.Get<LeadDeskDbContext>().Leads.Select(l => l.Source).ToListAsync());
            await scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { Source = "" });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var db = read.Get<LeadDeskDbContext>();
        Assert.Null((await db.Leads.SingleAsync(l => l.Id == alice)).Source);
        var rows = await db.LeadHistory.Where(h => h.Field == nameof(Lead.Source)).OrderBy(h => h.NewValue == null).ThenBy(h => h.LeadId == bob).ToListAsync();
        Assert.Equal(
            [(alice, null, "trade show"), (bob, "web", "trade show"), (alice, "trade show", null)],
            rows.Select(h => (h.LeadId, h.OldValue, h.NewValue)));
    }

    [Fact]
    public async Task Update_MoveStage_MovesEveryLead_WithActivitiesAndHistory()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        var already = await TestData.LeadAsync(fixture, acme, "Carol", secondStage: true);

        BulkResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            result = await scope.Get<BulkLeadService>().UpdateAsync([alice, bob, already], new BulkChanges { StageId = acme.SecondStageId });
        }

        Assert.Equal(new BulkResult(3, 2), result);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var db = read.Get<LeadDeskDbContext>();
        Assert.All(await db.Leads.ToListAsync(), l => Assert.Equal(acme.SecondStageId, l.StageId));
        var moves = await db.LeadActivities.Where(a => a.Type == ActivityType.StageChanged).ToListAsync();
        Assert.Equal([alice, bob], moves.Select(a => a.LeadId).Order());
        Assert.All(moves, a => Assert.Equal("Moved from New to Qualified (bulk)", a.Title));
        var rows = await db.LeadHistory.Where(h => h.Field == nameof(Lead.StageId)).ToListAsync();
        Assert.Equal([alice, bob], rows.Select(h => h.LeadId).Order());
        Assert.All(rows, h => Assert.Equal((acme.FirstStageId.ToString(), acme.SecondStageId.ToString()), (h.OldValue, h.NewValue)));
    }

    [Fact]
    public async Task Update_SeveralFields_WritesARowPerLeadAndField_AndBumpsTheVersionOnce()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var ids = new[] { await TestData.LeadAsync(fixture, acme, "Alice"), await TestData.LeadAsync(fixture, acme, "Bob") };

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync(ids, new BulkChanges
            {
                OwnerId = repId,
                Priority = LeadPriority.Critical,
                StageId = acme.SecondStageId,
                Source = "import",
            });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var db = read.Get<LeadDeskDbContext>();
        var fields = await db.LeadHistory.Where(h => h.Field != "Created").Select(h => new { h.LeadId, h.Field }).ToListAsync();
        foreach (var id in ids)
        {
            Assert.Equal(["OwnerId", "Priority", "Source", "StageId"], fields.Where(f => f.LeadId == id).Select(f => f.Field).Order(StringComparer.Ordinal));
        }
        Assert.All(await db.Leads.ToListAsync(), l => Assert.Equal((repId, LeadPriority.Critical, acme.SecondStageId, "import", 1), (l.OwnerId!.Value, l.Priority, l.StageId, l.Source, l.Version)));
    }

    [Fact]
    public async Task Update_WithNothingToChange_ChangesNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", secondStage: true);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var result = await scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { StageId = acme.SecondStageId, Priority = LeadPriority.Medium });

        Assert.Equal(new BulkResult(1, 0), result);
        Assert.Equal(0, (await scope.Get<LeadService>().GetAsync(alice)).Version);
    }

    [Fact]
    public async Task Update_OfLeadsTheActorCannotSee_LeavesThemAlone()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var mine = await TestData.LeadAsync(fixture, acme, "Mine", ownerId: repId);
        var hidden = await TestData.LeadAsync(fixture, acme, "Hidden", ownerId: adminId);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var foreign = await TestData.LeadAsync(fixture, globex, "Foreign");
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }

        BulkResult result;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep))
        {
            result = await scope.Get<BulkLeadService>().UpdateAsync([mine, hidden, foreign], new BulkChanges { Priority = LeadPriority.Critical, StageId = acme.SecondStageId });
        }

        Assert.Equal(new BulkResult(3, 1), result);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var leads = await read.Get<LeadDeskDbContext>().Leads.ToDictionaryAsync(l => l.Id);
        Assert.Equal((LeadPriority.Critical, acme.SecondStageId), (leads[mine].Priority, leads[mine].StageId));
        Assert.Equal((LeadPriority.Medium, acme.FirstStageId, 0), (leads[hidden].Priority, leads[hidden].StageId, leads[hidden].Version));
        Assert.False(await read.Get<LeadDeskDbContext>().LeadHistory.AnyAsync(h => h.LeadId == hidden && h.Field != "Created"));
        await using var theirs = fixture.ScopeAs(globex.WorkspaceId);
        var foreignLead = await theirs.Get<LeadDeskDbContext>().Leads.SingleAsync();
        Assert.Equal((LeadPriority.Medium, 0), (foreignLead.Priority, foreignLead.Version));
    }

    [Fact]
    public async Task Update_ToAStageOfAnotherPipeline_IsRejected_AndChangesNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var partner = await TestData.LeadAsync(fixture, acme, "Pat", l => (l.PipelineId, l.StageId) = (partners.PipelineId, partners.FirstStageId));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<BulkLeadService>().UpdateAsync([alice, partner], new BulkChanges { StageId = partners.SecondStageId, Priority = LeadPriority.High }));

        Assert.Equal(["stageId"], error.ByField().Keys);
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.All(await read.Get<LeadDeskDbContext>().Leads.ToListAsync(), l => Assert.Equal((LeadPriority.Medium, 0), (l.Priority, l.Version)));
    }

    [Fact]
    public async Task Update_ToAStageOfAnotherWorkspace_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { StageId = globex.SecondStageId }));

        Assert.Equal(["stageId"], error.ByField().Keys);
    }

    [Fact]
    public async Task Update_ToAStageWithRequiredFields_IsRejectedUnlessEveryLeadHasThem()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            // Alice has been through the stage before, so her budget is stored.
            await scope.Get<LeadStageService>().ChangeStageAsync(alice, acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "100" });
            await scope.Get<LeadStageService>().ChangeStageAsync(alice, acme.FirstStageId);
        }

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() =>
                scope.Get<BulkLeadService>().UpdateAsync([alice, bob], new BulkChanges { StageId = acme.SecondStageId }));
            Assert.Equal(["stageId"], error.ByField().Keys);
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var result = await scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { StageId = acme.SecondStageId });
            Assert.Equal(1, result.Affected);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal(acme.FirstStageId, (await read.Get<LeadService>().GetAsync(bob)).StageId);
        Assert.Equal(acme.SecondStageId, (await read.Get<LeadService>().GetAsync(alice)).StageId);
    }

    [Fact]
    public async Task Update_MovingAClosedLead_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var lost = await TestData.LeadAsync(fixture, acme, "Lost", status: LeadStatus.Disqualified);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<BulkLeadService>().UpdateAsync([alice, lost], new BulkChanges { StageId = acme.SecondStageId }));

        Assert.Equal(["stageId"], error.ByField().Keys);
    }

    [Fact]
    public async Task Update_IntoARoundRobinStage_GivesTheLeadsOutInTurn()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var reps = new[]
        {
            await TestData.MemberAsync(fixture, acme, "rep1", WorkspaceRole.SalesRep),
            await TestData.MemberAsync(fixture, acme, "rep2", WorkspaceRole.SalesRep),
        };
        await TestData.ConfigureStageAsync(fixture, acme, acme.SecondStageId, s => (s.OwnershipMode, s.OwnershipRole) = (StageOwnershipMode.RoundRobin, WorkspaceRole.SalesRep));
        var ids = (await TestData.ManyLeadsAsync(fixture, acme, 4, acme.FirstStageId)).ToList();

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync(ids, new BulkChanges { StageId = acme.SecondStageId });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var owners = await read.Get<LeadDeskDbContext>().Leads.GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(reps.Order(), owners.Select(o => o.Key!.Value).Order());
        Assert.All(owners, o => Assert.Equal(2, o.Count));
    }

    [Fact]
    public async Task Update_ToAnOwnerWhoIsNotAMember_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var strangerId = await TestData.UserAsync(fixture, "stranger");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { OwnerId = strangerId }));

        Assert.Equal(["assignedTo"], error.ByField().Keys);
    }

    [Fact]
    public async Task Update_WithNoChangeChosen_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges()));

        Assert.Equal(["changes"], error.ByField().Keys);
    }

    [Fact]
    public async Task Update_WithAnOverlongSource_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<BulkLeadService>().UpdateAsync([alice], new BulkChanges { Source = new string('s', LeadLimits.SourceMaxLength + 1) }));

        Assert.Equal(["source"], error.ByField().Keys);
    }

    [Fact]
    public async Task Update_WithMoreThanTheMaximumIds_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var ids = Enumerable.Range(0, BulkLeadService.MaxIds + 1).Select(_ => Guid.NewGuid()).ToList();

        var update = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<BulkLeadService>().UpdateAsync(ids, new BulkChanges { Priority = LeadPriority.Low }));
        var delete = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<BulkLeadService>().DeleteAsync(ids));

        Assert.Equal(["ids"], update.ByField().Keys);
        Assert.Equal(["ids"], delete.ByField().Keys);
    }

    [Fact]
    public async Task Update_WithTheMaximumIds_IsAccepted()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var ids = await TestData.ManyLeadsAsync(fixture, acme, 10, acme.FirstStageId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var asked = ids.Concat(Enumerable.Range(0, BulkLeadService.MaxIds - ids.Count).Select(_ => Guid.NewGuid())).ToList();

        var result = await scope.Get<BulkLeadService>().UpdateAsync(asked, new BulkChanges { Priority = LeadPriority.Low });

        Assert.Equal(new BulkResult(BulkLeadService.MaxIds, 10), result);
    }

    [Fact]
    public async Task Update_WithNoIds_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<BulkLeadService>().UpdateAsync([Guid.Empty], new BulkChanges { Priority = LeadPriority.Low }));

        Assert.Equal(["ids"], error.ByField().Keys);
    }

    [Fact]
    public async Task Delete_AsASalesRep_IsForbidden()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<BulkLeadService>().DeleteAsync([alice]));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<BulkLeadService>().RestoreAsync([alice]));

        Assert.False((await scope.Get<LeadService>().GetAsync(alice)).IsDeleted);
    }

    [Fact]
    public async Task Delete_AndRestore_AsAManager_MoveTheLeadsToTheTrashAndBack()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var managerId = await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        var carol = await TestData.LeadAsync(fixture, acme, "Carol");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager))
        {
            Assert.Equal(new BulkResult(2, 2), await scope.Get<BulkLeadService>().DeleteAsync([alice, bob]));
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager))
        {
            Assert.Equal([carol], (await scope.Get<LeadListService>().SearchAsync(new LeadListQuery())).Rows.Select(r => r.Id));
            var deleted = await scope.Get<LeadService>().GetAsync(alice, includeDeleted: true);
            Assert.Equal((true, fixture.Clock.GetUtcNow().UtcDateTime, 1), (deleted.IsDeleted, deleted.DeletedAt!.Value, deleted.Version));
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(new BulkResult(3, 1), await scope.Get<BulkLeadService>().RestoreAsync([alice, carol, Guid.NewGuid()]));
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager);
        Assert.Equal([alice, carol], (await read.Get<LeadListService>().SearchAsync(new LeadListQuery())).Rows.Select(r => r.Id).Order());
        var db = read.Get<LeadDeskDbContext>();
        var aliceLead = await db.Leads.SingleAsync(l => l.Id == alice);
        Assert.Equal((null, null, 2), (aliceLead.DeletedAt, aliceLead.DeletedById, aliceLead.Version));
        var trashRows = await db.LeadHistory.Where(h => h.Field == nameof(Lead.IsDeleted)).OrderBy(h => h.ChangedAt).ToListAsync();
        Assert.Equal(
            [(alice, "false", "true"), (bob, "false", "true"), (alice, "true", "false")],
            trashRows.OrderBy(h => h.ChangedAt).ThenBy(h => h.LeadId == bob).Select(h => (h.LeadId, h.OldValue, h.NewValue)));
        Assert.Equal(
            [ActivityType.Restored, ActivityType.Deleted],
            (await read.Get<ActivityService>().ListAsync(alice)).Select(a => a.Type).Take(2));
    }

    [Fact]
    public async Task Delete_OfAlreadyDeletedLeads_AffectsNone()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        await scope.Get<BulkLeadService>().DeleteAsync([alice]);

        var again = await scope.Get<BulkLeadService>().DeleteAsync([alice]);

        Assert.Equal(new BulkResult(1, 0), again);
    }
}
