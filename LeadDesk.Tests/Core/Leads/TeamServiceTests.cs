using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.History;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class TeamServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private sealed record World(WorkspaceSeed Acme, Guid AdminId, Guid RepId, Guid SupportRoleId, Guid LeadId);

    private static async Task<World> ArrangeAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var supportId = await TestData.TeamRoleAsync(fixture, acme, "support", "Support");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        return new World(acme, adminId, repId, supportId, leadId);
    }

    [Fact]
    public async Task Add_ByRoleKey_PutsTheMemberOnTheTeam_AndRecordsIt()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "support");
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
        var member = Assert.Single(await read.Get<TeamService>().ListAsync(world.LeadId));
        Assert.Equal((world.RepId, "rep", world.SupportRoleId, "support", "Support"), (member.UserId, member.DisplayName, member.RoleId, member.RoleKey, member.RoleName));
        var activity = Assert.Single(await read.Get<ActivityService>().ListAsync(world.LeadId), a => a.Type == ActivityType.Team);
        Assert.Equal("rep joined the team as Support", activity.Title);
        var history = Assert.Single(await read.Get<HistoryService>().ListAsync(world.LeadId), h => h.Field == "Team member");
        Assert.Equal((null, "rep (Support)"), (history.OldValue, history.NewValue));
    }

    [Fact]
    public async Task Add_ByRoleId_PutsTheMemberOnTheTeam()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        await scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, world.SupportRoleId.ToString());

        Assert.Equal("support", Assert.Single(await scope.Get<TeamService>().ListAsync(world.LeadId)).RoleKey);
    }

    [Fact]
    public async Task Add_OfSomeoneWhoIsNotAMember_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var outsiderId = await TestData.MemberAsync(fixture, globex, "outsider", WorkspaceRole.Admin);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<TeamService>().AddAsync(world.LeadId, outsiderId, "support"));

        Assert.Equal(["userId"], error.ByField().Keys);
        Assert.Empty(await scope.Get<TeamService>().ListAsync(world.LeadId));
    }

    [Fact]
    public async Task Add_OfSomeoneAlreadyOnTheTeam_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await TestData.TeamRoleAsync(fixture, world.Acme, "engineer", "Solution engineer");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
        await scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "support");

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "engineer"));

        Assert.Equal(["userId"], error.ByField().Keys);
        Assert.Equal("support", Assert.Single(await scope.Get<TeamService>().ListAsync(world.LeadId)).RoleKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ceo")]
    [InlineData("0193a1b2-0000-7000-8000-000000000000")]
    public async Task Add_WithAnUnknownRole_IsRejected(string? role)
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, role));

        Assert.Equal(["role"], error.ByField().Keys);
    }

    [Fact]
    public async Task Add_WithARoleOfAnotherWorkspace_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirRole = await TestData.TeamRoleAsync(fixture, globex, "closer", "Closer");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        var byId = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, theirRole.ToString()));
        var byKey = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "closer"));

        Assert.Equal(["role"], byId.ByField().Keys);
        Assert.Equal(["role"], byKey.ByField().Keys);
    }

    [Fact]
    public async Task Add_ToAnotherWorkspacesLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirs = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<TeamService>().AddAsync(theirs, world.RepId, "support"));
    }

    [Fact]
    public async Task Remove_TakesTheMemberOffTheTeam_AndRecordsIt()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<TeamService>().AddAsync(world.LeadId, world.RepId, "support");
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await scope.Get<TeamService>().RemoveAsync(world.LeadId, world.RepId);
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
        Assert.Empty(await read.Get<TeamService>().ListAsync(world.LeadId));
        var latest = (await read.Get<HistoryService>().ListAsync(world.LeadId))[0];
        Assert.Equal(("Team member", "rep (Support)", null), (latest.Field, latest.OldValue, latest.NewValue));
        Assert.Equal("rep left the team", (await read.Get<ActivityService>().ListAsync(world.LeadId))[0].Title);
    }

    [Fact]
    public async Task Remove_OfSomeoneNotOnTheTeam_IsNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<TeamService>().RemoveAsync(world.LeadId, world.RepId));
    }

    [Fact]
    public async Task Roles_AreListedInTheirOrder()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await TestData.TeamRoleAsync(fixture, world.Acme, "engineer", "Engineer");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        await TestData.TeamRoleAsync(fixture, globex, "theirs", "Theirs");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        var roles = await scope.Get<TeamService>().RolesAsync();

        Assert.Equal(["engineer", "support"], roles.Select(r => r.Key));
    }
}
