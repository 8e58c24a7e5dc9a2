using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>Own+team visibility as a sales rep meets it in the interactive list; a manager still sees every lead.</summary>
public sealed class LeadListVisibilityTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task TheList_ForARep_ShowsOnlyTheirOwnAndTeamLeads()
    {
        var world = await WorldAsync();
        await using var context = await ComponentContext.SignedInAsync(database.Fixture, world.Rep, world.Workspace.WorkspaceId);

        var list = context.Render<LeadsPage>();

        list.WaitForAssertion(() => Assert.Equal([world.Own, world.Shared], RowIds(list).Order()));
        Assert.StartsWith("2 leads", list.Find("[data-testid=lead-total]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_ForAManager_StillShowsEveryLead()
    {
        var world = await WorldAsync();
        await using var context = await ComponentContext.SignedInAsync(database.Fixture, world.Manager, world.Workspace.WorkspaceId);

        var list = context.Render<LeadsPage>();

        list.WaitForAssertion(() => Assert.Equal([world.Own, world.Theirs, world.Shared], RowIds(list).Order()));
    }

    private sealed record World(WorkspaceSeed Workspace, Guid Rep, Guid Manager, Guid Own, Guid Theirs, Guid Shared);

    /// <summary>A workspace under own+team: the rep owns one lead, another rep two, and the rep is on the team of one of those.</summary>
    private Task<World> WorldAsync() => database.ArrangedOnceAsync("own and team", async fixture =>
    {
        var workspace = await TestData.NewWorkspaceAsync(fixture);
        var rep = await TestData.MemberAsync(fixture, workspace, "rep", WorkspaceRole.SalesRep);
        var other = await TestData.MemberAsync(fixture, workspace, "other", WorkspaceRole.SalesRep);
        var manager = await TestData.MemberAsync(fixture, workspace, "manager", WorkspaceRole.Manager);
        await TestData.TeamRoleAsync(fixture, workspace, "account_executive", "Account executive");
        var own = await TestData.LeadAsync(fixture, workspace, "Own", ownerId: rep);
        var theirs = await TestData.LeadAsync(fixture, workspace, "Theirs", ownerId: other);
        var shared = await TestData.LeadAsync(fixture, workspace, "Shared", ownerId: other);
        await using var admin = fixture.ScopeAs(workspace.WorkspaceId);
        await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        await admin.Get<TeamService>().AddAsync(shared, rep, "account_executive");
        return new World(workspace, rep, manager, own, theirs, shared);
    });

    private static List<Guid> RowIds(IRenderedComponent<LeadsPage> list) =>
        list.FindAll("[data-testid=lead-grid] tbody a.ld-lead-link").Select(a => Guid.Parse(a.GetAttribute("href")!["/leads/".Length..])).ToList();
}
