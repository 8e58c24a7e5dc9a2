using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The team tab: who works the lead in which team role; adding and removing colleagues.</summary>
public sealed class TeamTabTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AddingAColleague_InARole_PutsThemOnTheTeam()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<TeamTab>(lead);
        Assert.Contains("Only the owner so far.", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);

        await tab.ChooseAsync(popovers, "team-person", "sam");
        await tab.ChooseAsync(popovers, "team-role-choice", "Technical advisor");
        await tab.Button("Add to team").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("Technical advisor", tab.Find($"li[data-user-id='{sam}'] [data-testid=team-role]").TextContent));
        Assert.Equal([sam], await Fixture.QueryAsync(acme, db => db.LeadTeamMembers.Where(m => m.LeadId == lead).Select(m => m.UserId).ToListAsync()));
        Assert.Equal(["sam added to the team."], context.Snackbars());
    }

    [Fact]
    public async Task AddingWithoutChoosingSomeone_AsksForAMember_BesideThePerson_AndAddsNobody()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<TeamTab>(lead);

        await tab.Button("Add to team").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal(["Choose a member of this workspace."], tab.FieldErrors()));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadTeamMembers.CountAsync(m => m.LeadId == lead)));
    }

    [Fact]
    public async Task Removing_AsksFirst_CancelKeepsThem_AndConfirmingRemovesThem()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await AddToTeamAsync(acme, lead, sam);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<TeamTab>(lead);

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-user-id='{sam}'] button"), dialogs, "Cancel");
        Assert.Single(tab.FindAll($"li[data-user-id='{sam}']"));
        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-user-id='{sam}'] button"), dialogs, "Remove");

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll($"li[data-user-id='{sam}']")));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadTeamMembers.CountAsync(m => m.LeadId == lead)));
        Assert.Equal(["sam removed from the team."], context.Snackbars());
    }

    [Fact]
    public async Task WithoutTeamRoles_SaysAnAdminAddsThem_InsteadOfTheForm()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Roleless", ownerId: rep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<TeamTab>(lead);

        Assert.Contains("no team roles yet", tab.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.False(tab.HasButton("Add to team"));
    }

    [Fact]
    public async Task ALeadInTheTrash_ShowsItsTeam_WithNothingToChangeIt()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await AddToTeamAsync(acme, lead, sam);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<TeamTab>(lead, readOnly: true);

        Assert.Single(tab.FindAll($"li[data-user-id='{sam}']"));
        Assert.Empty(tab.FindAll("button, input, .mud-select"));
    }

    [Fact]
    public async Task AColleagueAddedElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<TeamTab>(lead);
        await AddToTeamAsync(acme, lead, sam);

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll($"li[data-user-id='{sam}']")));
    }

    [Fact]
    public async Task UnderOwnAndTeamVisibility_AnotherRepsLeadIsNotFound_UntilAnAdminPutsTheRepOnItsTeam()
    {
        var (acme, owner, lead) = await LeadWithRepAsync();
        var rep = await TestData.MemberAsync(Fixture, acme, "riley", WorkspaceRole.SalesRep);
        var admin = await TestData.MemberAsync(Fixture, acme, "ada", WorkspaceRole.Admin);
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var asRep = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var repTab = asRep.RenderTab<TeamTab>(lead);
        Assert.StartsWith("Lead was not found.", repTab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        await using var asAdmin = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var popovers = asAdmin.Render<MudPopoverProvider>();
        var adminTab = asAdmin.RenderTab<TeamTab>(lead);

        await adminTab.ChooseAsync(popovers, "team-person", "riley");
        await adminTab.Button("Add to team").ClickAsync();
        adminTab.WaitForAssertion(() => Assert.Single(adminTab.FindAll($"li[data-user-id='{rep}']")));
        repTab.Bump(1);

        repTab.WaitForAssertion(() => Assert.Single(repTab.FindAll($"li[data-user-id='{rep}']")));
        Assert.NotEqual(owner, rep);
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound()
    {
        var (acme, rep, _) = await LeadWithRepAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<TeamTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("button"));
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        await TestData.TeamRoleAsync(Fixture, acme, "account_executive", "Account executive");
        await TestData.TeamRoleAsync(Fixture, acme, "technical_advisor", "Technical advisor");
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        return (acme, rep, await TestData.LeadAsync(Fixture, acme, "Teamed", ownerId: rep));
    }

    private async Task AddToTeamAsync(WorkspaceSeed workspace, Guid lead, Guid userId)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        await scope.Get<TeamService>().AddAsync(lead, userId, "account_executive");
    }
}
