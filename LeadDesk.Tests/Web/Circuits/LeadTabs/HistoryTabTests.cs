using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The history tab: every recorded change, who made it, before and after.</summary>
public sealed class HistoryTabTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AChange_IsListedWithWhoMadeIt_AndTheValuesBeforeAndAfter()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await RenameCompanyAsync(acme, lead, rep, "Renamed Co");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<HistoryTab>(lead);

        var row = Assert.Single(tab.FindAll(".ld-history tbody tr"), r => r.QuerySelector("[data-testid=history-field]")!.TextContent == "Company");
        Assert.Equal(["rep", "Company", "—", "Renamed Co"], row.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()));
        Assert.Empty(tab.FindAll("button, input"));
    }

    [Fact]
    public async Task ALeadWithNoRecordedChanges_SaysSo()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await Fixture.QueryAsync(acme, db => db.LeadHistory.Where(h => h.LeadId == lead).ExecuteDeleteAsync()); // even its creation
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<HistoryTab>(lead);

        Assert.Contains("No changes recorded yet.", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeMadeElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<HistoryTab>(lead);
        await RenameCompanyAsync(acme, lead, null, "Elsewhere Co");

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Contains(tab.FindAll("[data-testid=history-field]"), f => f.TextContent == "Company"));
        Assert.Contains("Elsewhere Co", tab.Find(".ld-history table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound()
    {
        var (acme, rep, _) = await LeadWithRepAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await RenameCompanyAsync(elsewhere, theirs, null, "Secret Co");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<HistoryTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Co", tab.Markup, StringComparison.Ordinal);
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        return (acme, rep, await TestData.LeadAsync(Fixture, acme, "Historic", ownerId: rep));
    }

    private async Task RenameCompanyAsync(WorkspaceSeed workspace, Guid lead, Guid? by, string company)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, by, by is null ? WorkspaceRole.Admin : WorkspaceRole.SalesRep);
        var leads = scope.Get<LeadService>();
        var current = await leads.GetAsync(lead);
        await leads.UpdateAsync(lead, new LeadInput { FirstName = current.FirstName, LastName = current.LastName, Email = current.Email, Company = company }, current.Version);
    }
}
