using Bunit;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Settings;
using MudBlazor;
using static LeadDesk.Tests.Web.Circuits.Settings.SettingsTestKit;

namespace LeadDesk.Tests.Web.Circuits.Settings;

/// <summary>Settings → Settings log: each change with who, when and the values before and after; filtered by setting and person.</summary>
public sealed class SettingsLogPageTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task TheLog_ShowsWhoChangedWhat_FromWhatToWhat_AndFilters()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var otherAdmin = await TestData.MemberAsync(Fixture, acme, "second admin", WorkspaceRole.Admin);
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, admin))
        {
            await scope.Get<PipelineSettingsService>().UpdateStageAsync(acme.SecondStageId, new StageInput { Name = "Sales qualified", Probability = 55 });
        }
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, otherAdmin))
        {
            await scope.Get<StageFieldSettingsService>().CreateAsync(acme.SecondStageId, new StageFieldInput { Label = "Budget", Type = StageFieldType.Money });
        }

        var (page, _, popovers) = Render<SettingsLogPage>(context);

        var rows = page.FindAll("[data-testid=settings-log] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Field Sales qualified · Budget added", rows[0].TextContent, StringComparison.Ordinal); // newest first
        Assert.Contains("second admin", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Stage Sales qualified changed", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Name: Qualified → Sales qualified", "Win probability %: 50 → 55"],
            rows[1].QuerySelectorAll(".ld-log-values li").Select(li => li.TextContent.Trim()));

        await ChooseAsync(page, popovers, "area", "Stages");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=settings-log] tbody tr")), Patience);

        await ChooseAsync(page, popovers, "by", "second admin");
        page.WaitForElement("[data-testid=log-empty]", Patience); // a stage change by the second admin: none
    }

    [Fact]
    public async Task AnAdminDemotedWhileThePageIsOpen_SeesNoMore()
    {
        var (acme, admin, context) = await SignedInAsync(Fixture);
        await using var _ = context;
        var (page, _, popovers) = Render<SettingsLogPage>(context);
        page.WaitForElement("[data-testid=log-empty]", Patience);
        await DemoteAsync(Fixture, acme, admin);

        await ChooseAsync(page, popovers, "area", "Pipelines");

        page.WaitForAssertion(() => Assert.Equal(["Only admins can see the settings log."], Snackbars(context, Severity.Error)), Patience);
    }
}
