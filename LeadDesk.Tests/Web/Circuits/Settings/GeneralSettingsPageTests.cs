using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>Settings → General: members, who sees which leads, the phone country, the trash's retention and the erasure log.</summary>
public sealed class GeneralSettingsPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheWorkspacesMembers_AndItsCurrentSettings_AreShown()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var rep = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var stranger = await TestData.MemberAsync(Fixture, await TestData.NewWorkspaceAsync(Fixture, "elsewhere"), "stranger", WorkspaceRole.Admin);

        var (page, _, _) = Render<SettingsPage>(context);

        var members = page.FindAll("[data-testid=members] td[data-member]").ToDictionary(td => Guid.Parse(td.GetAttribute("data-member")!), td => td.ParentElement!.Children[2].TextContent);
        Assert.Equal(new Dictionary<Guid, string> { [admin] = "Admin", [rep] = "Sales rep" }, members);
        Assert.DoesNotContain(stranger, members.Keys);
        Assert.NotNull(page.Find("input[data-visibility=All]").GetAttribute("checked"));
        Assert.Equal("30", page.Find("input[data-testid=trash-retention-days]").GetAttribute("value"));
        Assert.Equal("No one has been erased. An erasure is started from the lead's page.", page.Find("[data-testid=erasures-empty]").TextContent.Trim());
        Assert.Equal(["General", "Pipelines and stages", "API tokens", "Web forms", "Webhooks", "Settings log"], page.FindAll("[aria-label=Settings] a.mud-nav-link").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task AnAdminChoosesOwnAndTeam_ItIsSaved_AndSaid()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<SettingsPage>(context);

        await page.Find("input[data-visibility=OwnAndTeam]").ClickAsync(new MouseEventArgs());
        await ClickAsync(page.Find("[data-section=visibility] button[type=submit]"));

        page.WaitForAssertion(() => Assert.Equal(["Sales reps now see only their own and their team's leads."], Snackbars(context, Severity.Success)), Patience);
        Assert.Equal(LeadVisibility.OwnAndTeam, await QueryAsync(Fixture, acme.WorkspaceId, db => db.LeadSettings.Select(s => s.Visibility).SingleAsync()));
        Assert.NotNull(page.Find("input[data-visibility=OwnAndTeam]").GetAttribute("checked"));
    }

    [Fact]
    public async Task AnAdminChoosesBrazil_AndANationalNumberTypedNextIsBrazilian()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, popovers) = Render<SettingsPage>(context);

        await ChooseAsync(page, popovers, "phone-region", PhoneRegions.Choices.Single(c => c.Code == "BR").Label);
        await ClickAsync(page.Find("[data-section=phones] button[type=submit]"));

        page.WaitForAssertion(() => Assert.Equal(["Numbers typed without a country code are now read as numbers of Brazil."], Snackbars(context, Severity.Success)), Patience);
        Assert.Equal("BR", await QueryAsync(Fixture, acme.WorkspaceId, db => db.Workspaces.Where(w => w.Id == acme.WorkspaceId).Select(w => w.PhoneRegion).SingleAsync()));
        await using var scope = Fixture.ScopeAs(acme.WorkspaceId, admin);
        var created = await scope.ServiceProvider.GetRequiredService<LeadService>().CreateAsync(new NewLead { FirstName = "Ana", Phone = "(11) 99999-8888" });
        Assert.Equal("+5511999998888", await QueryAsync(Fixture, acme.WorkspaceId, db => db.Leads.Where(l => l.Id == created).Select(l => l.Phone).SingleAsync()));
    }

    [Fact]
    public async Task ATrashRetentionOutOfRange_IsRefusedBesideTheField_WithTheNumberKept_ThenAGoodOneIsSaved()
    {
        var (acme, _, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<SettingsPage>(context);

        await TypeAsync(page, "input[data-testid=trash-retention-days]", "0");
        await ClickAsync(page.Find("[data-section=trash] button[type=submit]"));

        page.WaitForAssertion(() => Assert.Equal("Keep deleted leads for 1 to 3,650 days.", FieldError(page, "input[data-testid=trash-retention-days]")), Patience);
        Assert.Equal("0", page.Find("input[data-testid=trash-retention-days]").GetAttribute("value"));
        Assert.Equal(["Keep deleted leads for 1 to 3,650 days."], Snackbars(context, Severity.Error));
        Assert.Equal(LeadSettings.DefaultTrashRetentionDays, await RetentionAsync(acme));

        await TypeAsync(page, "input[data-testid=trash-retention-days]", "45");
        await ClickAsync(page.Find("[data-section=trash] button[type=submit]"));

        page.WaitForAssertion(() => Assert.Equal(["Deleted leads are now kept for 45 days."], Snackbars(context, Severity.Success)), Patience);
        Assert.Null(FieldError(page, "input[data-testid=trash-retention-days]"));
        Assert.Equal(45, await RetentionAsync(acme));
    }

    [Fact]
    public async Task TheErasureLog_ListsWhenAndWho_ButNothingAboutThePerson()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var lead = await TestData.LeadAsync(Fixture, acme, "Forgotten");
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, admin))
        {
            await scope.ServiceProvider.GetRequiredService<LeadErasureService>().EraseAsync(lead);
        }

        var (page, _, _) = Render<SettingsPage>(context);

        var row = page.Find("[data-testid=erasures] td[data-erasure-id]").ParentElement!;
        Assert.Contains($"{lead}", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Forgotten", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task SomeoneWhoIsNotAnAdmin_IsToldSo_AndSeesNoSettings(WorkspaceRole role)
    {
        var (_, _, context) = await SignedInAsync(Fixture, role);
        await using var _ = context;

        var (page, _, _) = Render<SettingsPage>(context);

        Assert.Equal("Only admins can see the erasure log.", page.Find("[data-testid=settings-problem]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=members]"));
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_IsRefusedOnTheNextSave()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, _) = Render<SettingsPage>(context);
        await DemoteAsync(Fixture, acme, admin);

        await TypeAsync(page, "input[data-testid=trash-retention-days]", "90");
        await ClickAsync(page.Find("[data-section=trash] button[type=submit]"));

        page.WaitForAssertion(() => Assert.Equal(["Only admins can change lead settings."], Snackbars(context, Severity.Error)), Patience);
        Assert.Equal(LeadSettings.DefaultTrashRetentionDays, await RetentionAsync(acme));
        Assert.Equal("90", page.Find("input[data-testid=trash-retention-days]").GetAttribute("value"));
    }

    private Task<int> RetentionAsync(WorkspaceSeed workspace) =>
        QueryAsync(Fixture, workspace.WorkspaceId, async db => await db.LeadSettings.Select(s => (int?)s.TrashRetentionDays).SingleOrDefaultAsync() ?? LeadSettings.DefaultTrashRetentionDays);

    private static Task ClickAsync(AngleSharp.Dom.IElement button) => button.ClickAsync(new MouseEventArgs());
}
