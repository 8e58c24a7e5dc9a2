using System.Globalization;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class HistoryServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private sealed record World(WorkspaceSeed Acme, Guid AdminId, Guid RepId, Guid LeadId);

    /// <summary>acme with an admin ("admin") and a rep ("rep"), and a lead created through <see cref="LeadService"/> by the admin.</summary>
    private static async Task<World> ArrangeAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, adminId);
        var leadId = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Alice", LastName = "Tester", Email = "alice@example.com", EstimatedValue = 1500m });
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        return new World(acme, adminId, repId, leadId);
    }

    private static async Task<IReadOnlyList<HistoryView>> HistoryAsync(CoreFixture fixture, World world)
    {
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
        return await scope.Get<HistoryService>().ListAsync(world.LeadId);
    }

    private static (string Field, string? Old, string? New) Row(HistoryView h) => (h.Field, h.OldValue, h.NewValue);

    [Fact]
    public async Task Create_WritesACreatedRow()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);

        var history = await HistoryAsync(fixture, world);

        var created = Assert.Single(history);
        Assert.Equal(("Lead created", null, "Alice Tester", "admin"), (created.Field, created.OldValue, created.NewValue, created.ChangedBy));
    }

    [Fact]
    public async Task Update_WritesARowPerChangedField_WithOldAndNewValues()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.RepId, WorkspaceRole.SalesRep))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with
            {
                Email = "ALICE@acme.example",
                Company = "Acme",
                Priority = LeadPriority.High,
                Score = 80,
            }, lead.Version);
        }

        var history = await HistoryAsync(fixture, world);

        var changes = history.Where(h => h.Field != "Lead created").ToList();
        Assert.Equal(
            [("Company", null, "Acme"), ("Email", "alice@example.com", "alice@acme.example"), ("Priority", "Medium", "High"), ("Score", "0", "80")],
            changes.Select(Row).OrderBy(r => r.Field, StringComparer.Ordinal));
        Assert.All(changes, h => Assert.Equal(("rep", fixture.Clock.GetUtcNow().UtcDateTime), (h.ChangedBy, h.ChangedAt)));
    }

    [Fact]
    public async Task ValueChanges_AreShownTheSameOnEveryDatabase()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { EstimatedValue = 2000.5m }, lead.Version);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { EstimatedValue = null }, lead.Version);
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal(
            [("Estimated value", "2000.50", null), ("Estimated value", "1500.00", "2000.50")],
            history.Where(h => h.Field == "Estimated value").Select(Row));
    }

    [Fact]
    public async Task Update_WithNoRealChange_WritesNothing()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { Email = " Alice@Example.com " }, lead.Version);
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal(["Lead created"], history.Select(h => h.Field));
    }

    [Fact]
    public async Task OwnerChanges_ShowNamesInsteadOfIds()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { OwnerId = world.RepId }, lead.Version);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([world.LeadId], new BulkChanges { OwnerId = world.AdminId });
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal([("Owner", "rep", "admin"), ("Owner", null, "rep")], history.Where(h => h.Field == "Owner").Select(Row));
    }

    [Fact]
    public async Task StageChanges_FromAnyEntryPoint_ShowStageNames()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(world.LeadId, world.Acme.SecondStageId);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([world.LeadId], new BulkChanges { StageId = world.Acme.FirstStageId });
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal([("Stage", "Qualified", "New"), ("Stage", "New", "Qualified")], history.Where(h => h.Field == "Stage").Select(Row));
    }

    [Fact]
    public async Task StageFieldValues_ShowTheFieldsLabel()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await TestData.StageFieldAsync(fixture, world.Acme, world.Acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(world.LeadId, world.Acme.SecondStageId, new Dictionary<string, string?> { ["budget"] = "900" });
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal(("Stage field", null, "Budget: 900"), Row(Assert.Single(history, h => h.Field == "Stage field")));
    }

    [Fact]
    public async Task DeleteAndRestore_WriteInTrashRows()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadService>().DeleteAsync(world.LeadId);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadService>().RestoreAsync(world.LeadId);
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal([("In trash", "Yes", "No"), ("In trash", "No", "Yes")], history.Where(h => h.Field == "In trash").Select(Row));
    }

    [Fact]
    public async Task DisqualifyAndReopen_RecordStatusAndReason()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var disqualifiedAt = fixture.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadService>().DisqualifyAsync(world.LeadId, "competitor", null);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadService>().ReopenAsync(world.LeadId);
        }

        var history = await HistoryAsync(fixture, world);

        var shown = disqualifiedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                ("Disqualification reason", "competitor", null), ("Disqualified at", shown, null), ("Status", "Disqualified", "Open"),
                ("Disqualification reason", null, "competitor"), ("Disqualified at", null, shown), ("Status", "Open", "Disqualified"),
            ],
            history.Where(h => h.Field != "Lead created").OrderByDescending(h => h.ChangedAt).ThenBy(h => h.Field, StringComparer.Ordinal).Select(Row));
    }

    [Fact]
    public async Task ContactLogged_RecordsLastContactAndFirstResponse()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var when = new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<ActivityService>().LogAsync(world.LeadId, new LogActivity(ActivityType.Call, "Intro", null, when));
        }

        var history = await HistoryAsync(fixture, world);

        Assert.Equal(
            [("First response", null, "2026-01-02 03:04 UTC"), ("Last contact", null, "2026-01-02 03:04 UTC")],
            history.Where(h => h.Field != "Lead created").Select(Row).OrderBy(r => r.Field, StringComparer.Ordinal));
    }

    [Fact]
    public async Task PartsOfTheLead_WriteRowsWithNamesInsteadOfIds()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await TestData.TeamRoleAsync(fixture, world.Acme, "support", "Support");
        var productId = await TestData.ProductAsync(fixture, world.Acme, "Licence", 100m);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<NoteService>().AddAsync(world.LeadId, "Keen");
            await scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "support");
            await scope.Get<ProductService>().AddAsync(world.LeadId, new ProductLineInput(productId, 2, null, 0));
        }

        var history = await HistoryAsync(fixture, world);

        var parts = history.Where(h => h.Field is "Note" or "Team member" or "Product").ToDictionary(h => h.Field, h => h.NewValue);
        Assert.Equal("Keen", parts["Note"]);
        Assert.Equal("rep (Support)", parts["Team member"]);
        Assert.StartsWith("Licence: 2 × ", parts["Product"], StringComparison.Ordinal);
        Assert.DoesNotContain(history, h => h.NewValue?.Contains(world.RepId.ToString(), StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task List_IsNewestFirst_AndLimited()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        foreach (var title in new[] { "CTO", "CEO", "Chair" })
        {
            await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
            var lead = await scope.Get<LeadService>().GetAsync(world.LeadId);
            await scope.Get<LeadService>().UpdateAsync(world.LeadId, lead.ToInput() with { Title = title }, lead.Version);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        var two = await read.Get<HistoryService>().ListAsync(world.LeadId, limit: 2);

        Assert.Equal([("Title", "CEO", "Chair"), ("Title", "CTO", "CEO")], two.Select(Row));
    }

    [Fact]
    public async Task List_OfALeadTheActorCannotSee_IsNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var admin = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        await using var rep = fixture.ScopeAs(world.Acme.WorkspaceId, world.RepId, WorkspaceRole.SalesRep);
        await using var outsider = fixture.ScopeAs(globex.WorkspaceId, world.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => rep.Get<HistoryService>().ListAsync(world.LeadId));
        await Assert.ThrowsAsync<NotFoundException>(() => outsider.Get<HistoryService>().ListAsync(world.LeadId));
    }

    [Theory]
    [InlineData("EstimatedValue", "Estimated value")]
    [InlineData("StageId", "Stage")]
    [InlineData("OwnerId", "Owner")]
    [InlineData("IsDeleted", "In trash")]
    [InlineData("DisqualificationNotes", "Disqualification notes")]
    [InlineData("Email", "Email")]
    public void LabelOf_TurnsPropertyNamesIntoWords(string field, string label)
    {
        Assert.Equal(label, HistoryService.LabelOf(field));
    }
}
