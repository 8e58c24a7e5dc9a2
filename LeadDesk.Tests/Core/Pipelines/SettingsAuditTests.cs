using LeadDesk.Core.Audit;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Pipelines;

public sealed class SettingsAuditTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task TheLog_IsFilteredByDay_AndPagedWithoutSkippingChangesOfTheSameInstant()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var adminId = await TestData.MemberAsync(database.Fixture, acme, "admin", WorkspaceRole.Admin);
        var firstDay = DateOnly.FromDateTime(database.Fixture.Clock.GetUtcNow().UtcDateTime);
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<PipelineSettingsService>().CreatePipelineAsync(new PipelineInput("Partners")); // two changes, one instant
        }
        database.Fixture.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<PipelineSettingsService>().UpdateStageAsync(acme.FirstStageId, new StageInput { Name = "Fresh", Probability = 10 });
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var audit = read.Get<SettingsAudit>();
        var onFirstDay = await audit.ListAsync(new SettingsChangeFilter { From = firstDay, To = firstDay });
        var later = await audit.ListAsync(new SettingsChangeFilter { From = firstDay.AddDays(1) });
        var firstPage = await audit.ListAsync(new SettingsChangeFilter { Limit = 2 });
        var secondPage = await audit.ListAsync(new SettingsChangeFilter { Limit = 2, Until = firstPage[^1].ChangedAt });

        Assert.Equal(["New", "Partners"], onFirstDay.Select(c => c.Subject).Order());
        Assert.Equal(["Fresh"], later.Select(c => c.Subject));
        Assert.Equal(3, firstPage.Concat(secondPage).Select(c => c.Id).Distinct().Count()); // the instant repeats; nothing is lost
        Assert.All(onFirstDay, c => Assert.Equal("admin", c.ChangedBy));
    }

    [Fact]
    public async Task GeneralSettings_AreLoggedToo()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var adminId = await TestData.MemberAsync(database.Fixture, acme, "admin", WorkspaceRole.Admin);
        await using (var scope = database.Fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await scope.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
            await scope.Get<LeadSettingsService>().SetTrashRetentionDaysAsync(90);
            await scope.Get<PhoneRegions>().SetAsync("PT");
        }

        await using var read = database.Fixture.ScopeAs(acme.WorkspaceId, adminId);
        var log = await read.Get<SettingsAudit>().ListAsync(new SettingsChangeFilter { Area = SettingsAreas.General });
        Assert.Equal(
            ["""{"phoneRegion":"PT"}""", """{"trashRetentionDays":90}""", """{"visibility":"OwnAndTeam"}"""],
            log.Select(c => c.After!).Order());
    }

    [Fact]
    public async Task OnlyAdmins_ReadTheLog()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var managerId = await TestData.MemberAsync(database.Fixture, acme, "manager", WorkspaceRole.Manager);
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<SettingsAudit>().ListAsync(new SettingsChangeFilter()));
    }
}
