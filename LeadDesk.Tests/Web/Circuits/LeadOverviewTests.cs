using Bunit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The lead page's overview: editing every field, and what happens when someone else saves the same lead.</summary>
public sealed class LeadOverviewTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task Save_WritesTheChange_AndSaysSo()
    {
        var (acme, rep, lead) = await LeadAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);

        await page.Find("#lead-company").InputAsync(new ChangeEventArgs { Value = "Globex Ünïcode 株式会社" });
        await page.Find("#lead-title").ChangeAsync(new ChangeEventArgs { Value = "CTO" });
        await page.Find("[data-testid=save-lead]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Changes saved.", Snackbars(context)));
        var saved = await StoredAsync(acme, lead);
        Assert.Equal(("Globex Ünïcode 株式会社", "CTO"), (saved.Company, saved.Title));
        page.WaitForAssertion(() => Assert.Contains("CTO · Globex Ünïcode 株式会社", page.Find(".ld-lead-header").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadEmailAndValue_AreToldByTheirFields_KeepWhatWasTyped_AndSaveNothing()
    {
        var (acme, rep, lead) = await LeadAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);

        await page.Find("#lead-email").InputAsync(new ChangeEventArgs { Value = "not-an-email" });
        await page.Find("#lead-value").ChangeAsync(new ChangeEventArgs { Value = "lots" });
        await page.Find("[data-testid=save-lead]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".mud-input-helper-text.mud-input-error").Count));
        var messages = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Enter an amount, like 25000 or 25,000.50.", messages);
        Assert.Contains(messages, m => m.Contains("email", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("not-an-email", page.Find("#lead-email").GetAttribute("value"));
        Assert.Equal("lots", page.Find("#lead-value").GetAttribute("value"));
        Assert.Equal("ada@example.com", (await StoredAsync(acme, lead)).Email);
    }

    [Fact]
    public async Task SomeoneElsesSave_ComesIntoTheForm_WhereThisPersonChangedNothing_AndBothChangesAreSaved()
    {
        var (acme, rep, lead) = await LeadAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "Sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);
        await page.Find("#lead-title").ChangeAsync(new ChangeEventArgs { Value = "Head of sales" });

        await SaveAsAsync(acme, sam, lead, l => l with { Company = "Sam's Company" });

        page.WaitForAssertion(() => Assert.Equal("Sam's Company", page.Find("#lead-company").GetAttribute("value")), Live);
        Assert.Equal("Head of sales", page.Find("#lead-title").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=conflict]"));
        Assert.Equal("Sam changed this lead just now.", page.Find("[data-testid=changed-by]").TextContent.Trim());

        await page.Find("[data-testid=save-lead]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Changes saved.", Snackbars(context)));
        var saved = await StoredAsync(acme, lead);
        Assert.Equal(("Sam's Company", "Head of sales"), (saved.Company, saved.Title));
    }

    [Fact]
    public async Task AFieldBothChanged_IsShownWithTheirValueAndMine_BeforeSaving_AndTheirVersionCanBeTaken()
    {
        var (acme, rep, lead) = await LeadAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "Sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);
        await page.Find("#lead-company").InputAsync(new ChangeEventArgs { Value = "Mine Ltd" });

        await SaveAsAsync(acme, sam, lead, l => l with { Company = "Theirs Inc" });

        page.WaitForAssertion(() => Assert.Contains("Sam saved this lead while you were editing it.", page.Find("[data-testid=conflict]").TextContent, StringComparison.Ordinal), Live);
        Assert.Contains("Company: theirs “Theirs Inc”, yours “Mine Ltd”", Squash(page.Find("[data-testid=conflict] li").TextContent), StringComparison.Ordinal);
        Assert.Equal("Mine Ltd", page.Find("#lead-company").GetAttribute("value"));

        await page.Find("[data-testid=take-theirs]").ClickAsync(new MouseEventArgs());

        Assert.Equal("Theirs Inc", page.Find("#lead-company").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task AFieldBothChanged_SavedAfterTheWarning_KeepsMine()
    {
        var (acme, rep, lead) = await LeadAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "Sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var page = await RenderAsync(context, lead);
        await page.Find("#lead-company").InputAsync(new ChangeEventArgs { Value = "Mine Ltd" });
        await SaveAsAsync(acme, sam, lead, l => l with { Company = "Theirs Inc", Title = "Their title" });
        page.WaitForAssertion(() => page.Find("[data-testid=conflict]"), Live);

        await page.Find("[data-testid=save-lead]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Changes saved.", Snackbars(context)));
        var saved = await StoredAsync(acme, lead);
        Assert.Equal(("Mine Ltd", "Their title"), (saved.Company, saved.Title));
    }

    [Fact]
    public async Task ALeadInTheTrash_ShowsItsFields_WithoutASaveButton()
    {
        var (acme, manager, lead) = await LeadAsync(WorkspaceRole.Manager);
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, manager, WorkspaceRole.Manager))
        {
            await scope.Get<LeadService>().DeleteAsync(lead);
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, manager, acme.WorkspaceId);

        var page = await RenderAsync(context, lead);

        Assert.Equal("ada@example.com", page.Find("#lead-email").GetAttribute("value"));
        Assert.NotNull(page.Find("#lead-email").GetAttribute("readonly"));
        Assert.Empty(page.FindAll("[data-testid=save-lead]"));
    }

    private async Task<(WorkspaceSeed Workspace, Guid User, Guid Lead)> LeadAsync(WorkspaceRole role = WorkspaceRole.SalesRep)
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var user = await TestData.MemberAsync(Fixture, acme, "user", role);
        return (acme, user, await TestData.LeadAsync(Fixture, acme, "Ada"));
    }

    private static Task<IRenderedComponent<LeadPage>> RenderAsync(ComponentContext context, Guid leadId)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads/{leadId}");
        var page = context.Render<LeadPage>(p => p.Add(c => c.Id, leadId));
        page.WaitForAssertion(() => page.Find("[data-testid=save-lead], #lead-email"));
        return Task.FromResult(page);
    }

    /// <summary>Another member saves the lead through the service, as their own page or the API would.</summary>
    private async Task SaveAsAsync(WorkspaceSeed workspace, Guid userId, Guid leadId, Func<LeadInput, LeadInput> change)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, userId, WorkspaceRole.SalesRep);
        var leads = scope.Get<LeadService>();
        var current = await leads.GetAsync(leadId);
        var input = LeadForm.From(current).ToInput(new LeadInput(), []);
        await leads.UpdateAsync(leadId, change(input), current.Version);
    }

    private async Task<Lead> StoredAsync(WorkspaceSeed workspace, Guid leadId)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        return await scope.Get<LeadDeskDbContext>().Leads.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    private static List<string> Snackbars(ComponentContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
