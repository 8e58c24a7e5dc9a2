using FluentValidation;
using LeadDesk.Core.Board;
using LeadDesk.Core.Common;
using LeadDesk.Core.Dashboard;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Leads;

public sealed class LeadVisibilityTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    /// <summary>
    /// acme with an admin, a manager and two reps. Leads: Own (owned by the rep), Team (owned by the other
    /// rep, the rep on its team), Other (owned by the other rep), Nobody (no owner).
    /// </summary>
    private sealed record World(CoreFixture Fixture, WorkspaceSeed Acme, Guid AdminId, Guid ManagerId, Guid RepId, Guid OtherRepId,
        Guid Own, Guid Team, Guid Other, Guid Nobody)
    {
        public AsyncServiceScope AsRep() => Fixture.ScopeAs(Acme.WorkspaceId, RepId, WorkspaceRole.SalesRep);
    }

    private static async Task<World> ArrangeAsync(CoreFixture fixture, LeadVisibility visibility)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var managerId = await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var otherRepId = await TestData.MemberAsync(fixture, acme, "other", WorkspaceRole.SalesRep);
        await TestData.TeamRoleAsync(fixture, acme, "support", "Support");
        var own = await TestData.LeadAsync(fixture, acme, "Own", value: 100m, ownerId: repId);
        var team = await TestData.LeadAsync(fixture, acme, "Team", value: 200m, secondStage: true, ownerId: otherRepId);
        var other = await TestData.LeadAsync(fixture, acme, "Other", value: 400m, ownerId: otherRepId);
        var nobody = await TestData.LeadAsync(fixture, acme, "Nobody", value: 800m);
        await using var admin = fixture.ScopeAs(acme.WorkspaceId, adminId);
        await admin.Get<TeamService>().AddAsync(team, repId, "support");
        await admin.Get<LeadSettingsService>().SetVisibilityAsync(visibility);
        return new World(fixture, acme, adminId, managerId, repId, otherRepId, own, team, other, nobody);
    }

    /// <summary>The world for <paramref name="visibility"/>, arranged once for the class, for tests that only read.</summary>
    private Task<World> SharedAsync(LeadVisibility visibility) =>
        database.ArrangedOnceAsync(visibility.ToString(), fixture => ArrangeAsync(fixture, visibility));

    [Fact]
    public async Task SetVisibility_ByAManager_IsForbidden_AndChangesNothing()
    {
        var fixture = database.Fixture;
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var manager = fixture.ScopeAs(world.Acme.WorkspaceId, world.ManagerId, WorkspaceRole.Manager);

        await Assert.ThrowsAsync<ForbiddenException>(() => manager.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.All));

        Assert.Equal(LeadVisibility.OwnAndTeam, await manager.Get<LeadSettingsService>().VisibilityAsync());
    }

    [Fact]
    public async Task SetVisibility_ToAnUnknownValue_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var admin = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => admin.Get<LeadSettingsService>().SetVisibilityAsync((LeadVisibility)7));

        Assert.Equal(["visibility"], error.ByField().Keys);
        Assert.Equal(LeadVisibility.OwnAndTeam, await admin.Get<LeadSettingsService>().VisibilityAsync());
    }

    [Fact]
    public async Task Visibility_DefaultsToAll()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        Assert.Equal(LeadVisibility.All, await scope.Get<LeadSettingsService>().VisibilityAsync());
    }

    [Fact]
    public async Task Search_WithOwnAndTeam_ShowsARepOnlyTheirOwnAndTeamLeads()
    {
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = world.AsRep();

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Sort = LeadSort.Name, Descending = false });

        Assert.Equal(2, page.Total);
        Assert.Equal([world.Own, world.Team], page.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Board_WithOwnAndTeam_CountsAndShowsOnlyARepsLeads()
    {
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = world.AsRep();

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());

        Assert.NotNull(board);
        Assert.Equal([(1, 100m), (1, 200m)], board.Columns.Select(c => (c.Count, c.Value)));
        Assert.Equal([world.Own, world.Team], board.Columns.SelectMany(c => c.Cards).Select(c => c.Id));
    }

    [Fact]
    public async Task Get_WithOwnAndTeam_IsNotFoundForALeadTheRepCannotSee()
    {
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = world.AsRep();
        var service = scope.Get<LeadService>();

        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(world.Other));
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(world.Nobody));

        Assert.Equal("Own", (await service.GetAsync(world.Own)).FirstName);
        Assert.Equal("Team", (await service.GetAsync(world.Team)).FirstName);
    }

    [Fact]
    public async Task Writes_WithOwnAndTeam_AreNotFoundForALeadTheRepCannotSee()
    {
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = world.AsRep();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            scope.Get<LeadService>().UpdateAsync(world.Other, new LeadInput { FirstName = "Mine", Email = "mine@example.com" }, null));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadStageService>().ChangeStageAsync(world.Other, world.Acme.SecondStageId));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadService>().DisqualifyAsync(world.Other, "no_need", null));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().AddAsync(world.Other, "Hello"));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<TeamService>().AddAsync(world.Other, world.RepId, "support"));
    }

    [Fact]
    public async Task Dashboard_WithOwnAndTeam_CountsOnlyARepsLeads()
    {
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = world.AsRep();

        var summary = await scope.Get<DashboardService>().GetAsync();

        Assert.Equal((2, 300m, 1), (summary.OpenLeads, summary.OpenValue, summary.MyOpenLeads));
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.Admin)]
    public async Task Everything_WithOwnAndTeam_IsVisibleToManagersAndAdmins(WorkspaceRole role)
    {
        var fixture = database.Fixture;
        var world = await SharedAsync(LeadVisibility.OwnAndTeam);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, role == WorkspaceRole.Admin ? world.AdminId : world.ManagerId, role);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery());
        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());
        var summary = await scope.Get<DashboardService>().GetAsync();
        var lead = await scope.Get<LeadService>().GetAsync(world.Other);

        Assert.Equal(4, page.Total);
        Assert.Equal(4, board!.Columns.Sum(c => c.Count));
        Assert.Equal((4, 1500m), (summary.OpenLeads, summary.OpenValue));
        Assert.Equal("Other", lead.FirstName);
    }

    [Fact]
    public async Task Everything_WithAll_IsVisibleToReps()
    {
        var world = await SharedAsync(LeadVisibility.All);
        await using var scope = world.AsRep();

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery());
        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());
        var summary = await scope.Get<DashboardService>().GetAsync();
        var lead = await scope.Get<LeadService>().GetAsync(world.Nobody);

        Assert.Equal(4, page.Total);
        Assert.Equal(4, board!.Columns.Sum(c => c.Count));
        Assert.Equal((4, 1500m, 1), (summary.OpenLeads, summary.OpenValue, summary.MyOpenLeads));
        Assert.Equal("Nobody", lead.FirstName);
    }

    [Fact]
    public async Task Visibility_SwitchedBackToAll_ShowsRepsEverythingAgain()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, LeadVisibility.OwnAndTeam);
        await using (var admin = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.All);
        }
        await using var scope = world.AsRep();

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery());

        Assert.Equal(4, page.Total);
    }

    [Fact]
    public async Task Visibility_OfOneWorkspace_DoesNotRestrictAnother()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, LeadVisibility.OwnAndTeam);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        await TestUsers.AddMemberAsync(fixture, globex.WorkspaceId, world.RepId, WorkspaceRole.SalesRep);
        await TestData.LeadAsync(fixture, globex, "Theirs");
        await using var scope = fixture.ScopeAs(globex.WorkspaceId, world.RepId, WorkspaceRole.SalesRep);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery());

        Assert.Equal("Theirs", Assert.Single(page.Rows).FirstName);
    }

    [Fact]
    public async Task TeamMembership_Removed_HidesTheLeadFromTheRepAgain()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture, LeadVisibility.OwnAndTeam);
        await using (var admin = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await admin.Get<TeamService>().RemoveAsync(world.Team, world.RepId);
        }
        await using var scope = world.AsRep();

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadService>().GetAsync(world.Team));

        Assert.Equal([world.Own], (await scope.Get<LeadListService>().SearchAsync(new LeadListQuery())).Rows.Select(r => r.Id));
    }
}
