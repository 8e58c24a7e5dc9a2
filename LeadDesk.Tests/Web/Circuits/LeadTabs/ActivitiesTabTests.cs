using Bunit;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The activities tab: the timeline, and logging a call, email or meeting (done or planned).</summary>
public sealed class ActivitiesTabTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task LoggingAMeeting_AddsItToTheTimeline_WithItsDetails()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var popovers = context.Render<MudPopoverProvider>();
        var tab = context.RenderTab<ActivitiesTab>(lead);
        Assert.Contains("Nothing has happened on this lead yet.", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);

        await tab.ChooseAsync(popovers, "activity-type", "Meeting");
        await tab.Find("input[data-testid=activity-title]").ChangeAsync(new ChangeEventArgs { Value = "Intro meeting" });
        await tab.Find("textarea[data-testid=activity-details]").ChangeAsync(new ChangeEventArgs { Value = "Budget confirmed" });
        await tab.Button("Log activity").ClickAsync();

        tab.WaitForAssertion(() => Assert.Contains("Intro meeting", tab.Find("li[data-activity-type=Meeting]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Budget confirmed", tab.Find("li[data-activity-type=Meeting]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid=planned]"));
        Assert.Equal([("Intro meeting", Fixture.Clock.GetUtcNow().UtcDateTime.Date)],
            (await Fixture.QueryAsync(acme, db => db.LeadActivities.Where(a => a.LeadId == lead && a.Type == ActivityType.Meeting).ToListAsync()))
            .Select(a => (a.Title, a.OccurredAt.Date)));
        Assert.Equal(["Meeting logged."], context.Snackbars());
        Assert.Equal("", tab.Find("input[data-testid=activity-title]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task ACallWithAFutureDate_IsPlanned()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ActivitiesTab>(lead);
        var nextWeek = Fixture.Clock.GetUtcNow().UtcDateTime.AddDays(7);

        await tab.Find("input[data-testid=activity-when]").ChangeAsync(new ChangeEventArgs { Value = nextWeek.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        await tab.Find("input[data-testid=activity-title]").ChangeAsync(new ChangeEventArgs { Value = "Follow-up call" });
        await tab.Button("Log activity").ClickAsync();

        tab.WaitForAssertion(() => Assert.Contains("Follow-up call", tab.Find("li[data-activity-type=Call]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Planned", tab.Find("li[data-activity-type=Call] [data-testid=planned]").TextContent.Trim());
    }

    [Fact]
    public async Task WithoutASubject_AndWithNoDate_TheMessagesShowBesideTheFields_WhatWasTypedStays_AndNothingIsLogged()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ActivitiesTab>(lead);

        await tab.Find("input[data-testid=activity-when]").ChangeAsync(new ChangeEventArgs { Value = "not a date" });
        await tab.Find("textarea[data-testid=activity-details]").ChangeAsync(new ChangeEventArgs { Value = "Kept details" });
        await tab.Button("Log activity").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal(["Say what it was about."], tab.FieldErrors()));
        Assert.Equal("Kept details", tab.Find("textarea[data-testid=activity-details]").TextContent);
        await tab.Find("input[data-testid=activity-title]").ChangeAsync(new ChangeEventArgs { Value = "Now with a subject" });
        await tab.Button("Log activity").ClickAsync();
        tab.WaitForAssertion(() => Assert.Equal(["Enter when it happened."], tab.FieldErrors()));
        Assert.Equal("Now with a subject", tab.Find("input[data-testid=activity-title]").GetAttribute("value"));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadActivities.CountAsync(a => a.LeadId == lead)));
    }

    [Fact]
    public async Task ALeadInTheTrash_ShowsItsTimeline_WithNothingToLog()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await NoteAsync(acme, lead, "Before the trash.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ActivitiesTab>(lead, readOnly: true);

        Assert.Single(tab.FindAll("li[data-activity-type=Note]"));
        Assert.Empty(tab.FindAll("input, textarea, button"));
    }

    [Fact]
    public async Task SomethingDoneElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<ActivitiesTab>(lead);
        await NoteAsync(acme, lead, "Added through the API.");

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Contains("Added through the API.", tab.Find("li[data-activity-type=Note]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound()
    {
        var (acme, rep, _) = await LeadWithRepAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<ActivitiesTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("input"));
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        return (acme, rep, await TestData.LeadAsync(Fixture, acme, "Active", ownerId: rep));
    }

    private async Task NoteAsync(WorkspaceSeed workspace, Guid lead, string body)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        await scope.Get<NoteService>().AddAsync(lead, body);
    }
}
