using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The interactive lead page: its header, its tabs in the URL, its actions as dialogs, and other people's changes.</summary>
public sealed class LeadPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheHeader_ShowsWhereTheLeadStands_AndItsFacts()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Ada", value: 12_500m, secondStage: true, ownerId: rep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var page = await RenderAsync(context, lead);

        Assert.Equal("Ada Tester", page.Find("h1").TextContent.Trim());
        Assert.Equal(["New", "Qualified"], page.FindAll(".ld-stage-path li").Select(li => li.TextContent.Trim()));
        Assert.Equal("step", page.Find(".ld-stage-path li.is-current").GetAttribute("aria-current"));
        Assert.Equal("Qualified", page.Find(".ld-stage-path li.is-current").TextContent.Trim());
        Assert.Equal("$12,500", page.Find("[data-testid=lead-value]").TextContent.Trim());
        Assert.Equal("rep", page.Find("[data-testid=lead-owner]").TextContent.Trim());
        Assert.Equal("mailto:ada@example.com", page.Find("a[href^='mailto:']").GetAttribute("href"));
        Assert.Equal(["Move to…", "Disqualify…"], ActionLabels(page));
    }

    [Theory]
    [InlineData("", "overview")]
    [InlineData("?tab=nope", "overview")]
    [InlineData("?tab=OVERVIEW", "overview")]
    [InlineData("?tab=history", "history")]
    [InlineData("?tab=documents", "documents")]
    public async Task TheTabInTheUrl_IsTheOneOpen_AndAnUnknownOneOpensTheOverview(string query, string open)
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Tabby");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var page = await RenderAsync(context, lead, query);

        Assert.Equal(LeadDesk.Web.Components.Pages.Leads.LeadTabs.All[LeadDesk.Web.Components.Pages.Leads.LeadTabs.IndexOf(open)].Label, page.Find(".mud-tab.mud-tab-active").TextContent.Trim());
        Assert.Equal(7, page.FindAll(".mud-tab").Count);
    }

    [Fact]
    public async Task ChoosingATab_PutsItInTheUrl_AndBackReturnsToTheOverview()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Clicky");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var page = await RenderAsync(context, lead);

        await page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "History").ClickAsync(new MouseEventArgs());

        Assert.EndsWith($"/leads/{lead}?tab=history", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("History", page.Find(".mud-tab.mud-tab-active").TextContent.Trim()));
        navigation.NavigateTo($"/leads/{lead}");
        page.WaitForAssertion(() => Assert.Equal("Overview", page.Find(".mud-tab.mud-tab-active").TextContent.Trim()));
    }

    [Fact]
    public async Task AnotherWorkspacesLead_AndAnUnknownOne_SayTheLeadIsNotHere_AndShowNothingOfIt()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.Admin);
        var foreign = await TestData.LeadAsync(Fixture, await TestData.NewWorkspaceAsync(Fixture, "elsewhere"), "Foreign");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        foreach (var id in new[] { foreign, Guid.NewGuid() })
        {
            var page = Render(context, id);
            page.WaitForAssertion(() => Assert.Contains("This lead is not here", page.Find("[data-testid=lead-missing]").TextContent, StringComparison.Ordinal));
            Assert.DoesNotContain("Foreign", page.Markup, StringComparison.Ordinal);
            Assert.Empty(page.FindAll(".mud-tab"));
        }
    }

    [Fact]
    public async Task UnderOwnAndTeamVisibility_ARepDoesNotSeeAnotherRepsLead_UntilTheyJoinItsTeam()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var other = await TestData.MemberAsync(Fixture, acme, "other", WorkspaceRole.SalesRep);
        await TestData.TeamRoleAsync(Fixture, acme, "helper", "Helper");
        var theirs = await TestData.LeadAsync(Fixture, acme, "Theirs", ownerId: other);
        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var before = Render(context, theirs);
        before.WaitForAssertion(() => Assert.Single(before.FindAll("[data-testid=lead-missing]")));
        await using (var admin = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<TeamService>().AddAsync(theirs, rep, "helper");
        }
        var after = await RenderAsync(context, theirs);

        Assert.Equal("Theirs Tester", after.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task MoveTo_APlainStage_MovesTheLead_AndTheStagePathFollows()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Mover");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await RenderAsync(context, lead);

        var opened1 = Action(page, "move").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("New (current)", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("input[type=radio]")[1].ClickAsync(new MouseEventArgs());
        await DialogButton(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        await opened1;

        page.WaitForAssertion(() => Assert.Equal("Qualified", page.Find(".ld-stage-path li.is-current").TextContent.Trim()));
        Assert.Equal(acme.SecondStageId, (await LeadAsync(acme, lead)).StageId);
        Assert.Contains("Mover Tester moved to Qualified.", Snackbars(context));
    }

    [Fact]
    public async Task MoveTo_WithoutChoosingAStage_AsksForOne_AndMovesNothing()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Undecided");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await RenderAsync(context, lead);

        var opened2 = Action(page, "move").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => DialogButton(dialogs, "Move lead"));
        await DialogButton(dialogs, "Move lead").ClickAsync(new MouseEventArgs());

        dialogs.WaitForAssertion(() => Assert.Equal("Choose the stage to move this lead to.", dialogs.Find("[data-testid=move-problem]").TextContent.Trim()));
        Assert.Equal(acme.FirstStageId, (await LeadAsync(acme, lead)).StageId);
        await DialogButton(dialogs, "Cancel").ClickAsync(new MouseEventArgs());
        await opened2;
    }

    [Fact]
    public async Task MoveTo_AStageThatAsksForAField_AsksForIt_ThenMoves()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        await TestData.StageFieldAsync(Fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        var lead = await TestData.LeadAsync(Fixture, acme, "Asked");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await RenderAsync(context, lead);

        var opened3 = Action(page, "move").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input[type=radio]").Count));
        await dialogs.FindAll("input[type=radio]")[1].ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-field=budget]"));
        await DialogButton(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("Qualified needs Budget.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(acme.FirstStageId, (await LeadAsync(acme, lead)).StageId);
        await dialogs.Find("input[data-field=budget]").ChangeAsync(new ChangeEventArgs { Value = "5000" });
        await DialogButton(dialogs, "Move lead").ClickAsync(new MouseEventArgs());
        await opened3;

        page.WaitForAssertion(() => Assert.Equal("Qualified", page.Find(".ld-stage-path li.is-current").TextContent.Trim()));
        Assert.Equal(acme.SecondStageId, (await LeadAsync(acme, lead)).StageId);
    }

    [Fact]
    public async Task Disqualify_WithoutAReason_SaysSoByTheField_ThenWithOne_Disqualifies_AndReopenOpensItAgain()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Doubtful");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var (dialogs, popovers) = (context.Render<MudDialogProvider>(), context.Render<MudPopoverProvider>());
        var page = await RenderAsync(context, lead);

        var opened4 = Action(page, "disqualify").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=disqualify-dialog]"));
        await dialogs.Find("textarea").ChangeAsync(new ChangeEventArgs { Value = "They went quiet" });
        await DialogButton(dialogs, "Disqualify lead").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.StartsWith("Choose a reason", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(LeadStatus.Open, (await LeadAsync(acme, lead)).Status);
        Assert.Equal("They went quiet", dialogs.Find("textarea").TextContent);

        await dialogs.Find("[data-testid=disqualify-dialog] .mud-select .mud-input-control-input-container").MouseDownAsync(new MouseEventArgs());
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "Unresponsive"));
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Unresponsive").ClickAsync(new MouseEventArgs());
        await DialogButton(dialogs, "Disqualify lead").ClickAsync(new MouseEventArgs());
        await opened4;

        page.WaitForAssertion(() => Assert.Equal("Disqualified", page.Find("[data-testid=lead-status]").TextContent.Trim()));
        Assert.Contains("Unresponsive", page.Find("[data-testid=disqualified]").TextContent, StringComparison.Ordinal);
        Assert.Contains("They went quiet", page.Find("[data-testid=disqualified]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Reopen"], ActionLabels(page));

        await Action(page, "reopen").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal("Open", page.Find("[data-testid=lead-status]").TextContent.Trim()));
        Assert.Equal(LeadStatus.Open, (await LeadAsync(acme, lead)).Status);
    }

    [Fact]
    public async Task Delete_IsNotOfferedToASalesRep_NorIsErase()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Kept");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var page = await RenderAsync(context, lead);

        Assert.Empty(page.FindAll("[data-action=delete], [data-action=erase]"));
    }

    [Fact]
    public async Task Delete_ByAManager_AsksFirst_ThenMovesTheLeadToTheTrash_WhereItCanBeRestored()
    {
        var (acme, manager) = await WorkspaceAsync(WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Binned");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var page = await RenderAsync(context, lead);

        var opened5 = Action(page, "delete").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("Binned Tester goes to the trash.", dialogs.Markup, StringComparison.Ordinal));
        await DialogButton(dialogs, "Cancel").ClickAsync(new MouseEventArgs());
        await opened5;
        Assert.False((await LeadAsync(acme, lead)).IsDeleted);

        var opened6 = Action(page, "delete").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => DialogButton(dialogs, "Move to trash"));
        await DialogButton(dialogs, "Move to trash").ClickAsync(new MouseEventArgs());
        await opened6;
        page.WaitForAssertion(() => Assert.EndsWith("/leads", navigation.Uri, StringComparison.Ordinal));
        Assert.True((await LeadAsync(acme, lead)).IsDeleted);
        Assert.Contains("Binned Tester moved to the trash.", Snackbars(context));

        var trashed = await RenderAsync(context, lead);
        Assert.Contains("This lead is in the trash", trashed.Find("[data-testid=in-trash]").TextContent, StringComparison.Ordinal);
        Assert.Empty(trashed.FindAll("[data-action=move], [data-action=disqualify], [data-action=delete], [data-action=erase]"));
        await Action(trashed, "restore").ClickAsync(new MouseEventArgs());
        trashed.WaitForAssertion(() => Assert.Empty(trashed.FindAll("[data-testid=in-trash]")));
        Assert.False((await LeadAsync(acme, lead)).IsDeleted);
    }

    [Fact]
    public async Task Delete_ByAManagerDemotedSinceThePageOpened_IsRefused_AndDeletesNothing()
    {
        var (acme, manager) = await WorkspaceAsync(WorkspaceRole.Manager);
        var lead = await TestData.LeadAsync(Fixture, acme, "Guarded");
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await RenderAsync(context, lead);
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            (await db.WorkspaceMembers.SingleAsync(m => m.UserId == manager)).Role = WorkspaceRole.SalesRep;
            await db.SaveChangesAsync();
        }

        var opened7 = Action(page, "delete").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => DialogButton(dialogs, "Move to trash"));
        await DialogButton(dialogs, "Move to trash").ClickAsync(new MouseEventArgs());
        await opened7;

        page.WaitForAssertion(() => Assert.Contains("Only managers and admins can delete leads.", Snackbars(context)));
        Assert.False((await LeadAsync(acme, lead)).IsDeleted);
        Assert.Equal("Guarded Tester", page.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task Erase_IsForAdmins_AndRefusesAnotherName_ThenErasesWithTheEmail()
    {
        var (acme, admin) = await WorkspaceAsync(WorkspaceRole.Admin);
        var lead = await TestData.LeadAsync(Fixture, acme, "Forgotten");
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var page = await RenderAsync(context, lead);

        var opened8 = Action(page, "erase").ClickAsync(new MouseEventArgs()); // ends when the dialog is answered
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-field=confirmation]"));
        await dialogs.Find("input[data-field=confirmation]").ChangeAsync(new ChangeEventArgs { Value = "Somebody Else" });
        await DialogButton(dialogs, "Erase for good").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Equal("Type the lead's name or email exactly as shown to confirm.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Equal("Somebody Else", dialogs.Find("input[data-field=confirmation]").GetAttribute("value"));
        Assert.NotNull(await FindLeadAsync(acme, lead));

        await dialogs.Find("input[data-field=confirmation]").ChangeAsync(new ChangeEventArgs { Value = "forgotten@example.com" });
        await DialogButton(dialogs, "Erase for good").ClickAsync(new MouseEventArgs());
        await opened8;

        page.WaitForAssertion(() => Assert.EndsWith("/leads", navigation.Uri, StringComparison.Ordinal));
        Assert.Null(await FindLeadAsync(acme, lead));
        Assert.Contains("The person was erased. Settings lists the erasure.", Snackbars(context));
    }

    [Fact]
    public async Task Erase_IsOfferedToAnAdmin_OnALeadInTheTrashToo()
    {
        var (acme, admin) = await WorkspaceAsync(WorkspaceRole.Admin);
        var lead = await TestData.LeadAsync(Fixture, acme, "Binned");
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadService>().DeleteAsync(lead);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);

        var page = await RenderAsync(context, lead);

        Assert.Equal(["Restore", "Erase this person…"], page.FindAll("[data-testid=in-trash] button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task AChangeBySomeoneElse_ShowsAtOnce_WithTheirName_AndOurOwnChangeDoesNotSayAnyone()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var sam = await TestData.MemberAsync(Fixture, acme, "Sam", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Watched");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);

        await using (var elsewhere = Fixture.ScopeAs(acme.WorkspaceId, sam, WorkspaceRole.SalesRep))
        {
            await elsewhere.Get<LeadStageService>().ChangeStageAsync(lead, acme.SecondStageId);
        }

        page.WaitForAssertion(() => Assert.Equal("Qualified", page.Find(".ld-stage-path li.is-current").TextContent.Trim()), TimeSpan.FromSeconds(3));
        page.WaitForAssertion(() => Assert.Equal("Sam changed this lead just now.", page.Find("[data-testid=changed-by]").TextContent.Trim()));
    }

    [Fact]
    public async Task AChangeToAnotherLead_LeavesThePageAlone()
    {
        var (acme, rep) = await WorkspaceAsync(WorkspaceRole.SalesRep);
        var sam = await TestData.MemberAsync(Fixture, acme, "Sam", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Quiet");
        var other = await TestData.LeadAsync(Fixture, acme, "Busy");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);
        page.WaitForAssertion(() => page.Find("[data-testid=save-lead]")); // the overview has loaded too
        var header = page.FindComponent<LeadHeader>();
        var renders = header.RenderCount; // the header renders again only when the page reads the lead again

        await using (var elsewhere = Fixture.ScopeAs(acme.WorkspaceId, sam, WorkspaceRole.SalesRep))
        {
            await elsewhere.Get<LeadStageService>().ChangeStageAsync(other, acme.SecondStageId);
        }
        await Task.Delay(LeadDesk.Web.Circuits.LiveRefresh.Settle * 3);

        Assert.Equal(renders, header.RenderCount);
        Assert.Empty(page.FindAll("[data-testid=changed-by]"));
    }

    // ---- Arrange and read -------------------------------------------------------------------------------------------

    private async Task<(WorkspaceSeed Workspace, Guid User)> WorkspaceAsync(WorkspaceRole role)
    {
        var workspace = await TestData.NewWorkspaceAsync(Fixture);
        return (workspace, await TestData.MemberAsync(Fixture, workspace, role == WorkspaceRole.SalesRep ? "rep" : role.ToString().ToLowerInvariant(), role));
    }

    private static IRenderedComponent<LeadPage> Render(ComponentContext context, Guid leadId, string query = "")
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads/{leadId}{query}");
        return context.Render<LeadPage>(p => p.Add(c => c.Id, leadId));
    }

    private static Task<IRenderedComponent<LeadPage>> RenderAsync(ComponentContext context, Guid leadId, string query = "")
    {
        var page = Render(context, leadId, query);
        page.WaitForAssertion(() => page.Find(".ld-lead-header h1"));
        // The open tab loads after the header: clicking while it still renders would hit a stale handler.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return Task.FromResult(page);
    }

    private static IElement Action(IRenderedComponent<LeadPage> page, string action) => page.Find($"button[data-action={action}]");

    private static List<string> ActionLabels(IRenderedComponent<LeadPage> page) =>
        page.FindAll(".ld-lead-actions button").Select(b => b.TextContent.Trim()).ToList();

    private static IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static List<string> Snackbars(ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    private async Task<Lead> LeadAsync(WorkspaceSeed workspace, Guid leadId) => (await FindLeadAsync(workspace, leadId))!;

    private async Task<Lead?> FindLeadAsync(WorkspaceSeed workspace, Guid leadId)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await scope.Get<LeadDeskDbContext>().Leads.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(l => l.Id == leadId);
    }
}
