using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Tests.Core.Phones;

/// <summary>
/// Phones stored by the hand-written normaliser (<c>+</c> and the digits typed) become E.164 on upgrade: the migration
/// PhoneNumbers queues them, the start-up step reads them again in their workspace's region. Each test builds the old
/// database for real: leads are written, the schema is migrated down to before PhoneNumbers and up again.
/// </summary>
public sealed class LegacyPhoneUpgradeTests
{
    private const string BeforePhoneNumbers = "20261124000000_Integrations";

    [Fact]
    public async Task Upgrade_ReadsOldPhonesAgainInTheirWorkspacesRegion()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var us = await TestData.WorkspaceAsync(fixture, "us");
        var br = await TestData.WorkspaceAsync(fixture, "br");
        var stored = new Dictionary<Guid, (string? Before, string? After)>
        {
            [await LegacyLeadAsync(fixture, us, "+5511999998888")] = ("+5511999998888", "+5511999998888"), // typed with its country code
            [await LegacyLeadAsync(fixture, us, "+18001234567")] = ("+18001234567", "+18001234567"), // seed 000's example
            [await LegacyLeadAsync(fixture, us, "+4155552671")] = ("+4155552671", "+14155552671"), // "(415) 555-2671"
            [await LegacyLeadAsync(fixture, us, "+5550102030")] = ("+5550102030", "+5550102030"), // no valid reading: as it was
            [await LegacyLeadAsync(fixture, us, null)] = (null, null),
            [await LegacyLeadAsync(fixture, br, "+11999998888")] = ("+11999998888", "+5511999998888"), // "(11) 99999-8888"
            [await LegacyLeadAsync(fixture, br, "+14155552671")] = ("+14155552671", "+14155552671"), // a valid US number
        };
        var before = await LeadsAsync(fixture);
        var history = await QueryAsync(fixture, db => db.LeadHistory.IgnoreQueryFilters().CountAsync());

        await UpgradeFromTheOldSchemaAsync(fixture, ("br", "BR"));
        var rewritten = await RunStepAsync(fixture);

        var after = await LeadsAsync(fixture);
        Assert.Equal(stored.ToDictionary(s => s.Key, s => s.Value.After), after.ToDictionary(l => l.Id, l => l.Phone));
        Assert.Equal(2, rewritten);
        foreach (var lead in after)
        {
            var old = before.Single(l => l.Id == lead.Id);
            Assert.Equal(Lead.SearchTextOf(lead.FirstName, lead.LastName, lead.Email, lead.Company, lead.Phone), lead.SearchText);
            Assert.Equal((old.Version, old.UpdatedAt), (lead.Version, lead.UpdatedAt)); // the same number, only spelt differently
        }
        Assert.Equal(0, await QueryAsync(fixture, db => db.LegacyPhones.CountAsync()));
        Assert.Equal(history, await QueryAsync(fixture, db => db.LeadHistory.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Startup_OfAnInstallationToUpgrade_MigratesAndReadsTheOldPhonesAgain()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var us = await TestData.WorkspaceAsync(fixture, "us");
        var id = await LegacyLeadAsync(fixture, us, "+4155552671");
        await MigrateToTheOldSchemaAsync(fixture);

        var ready = await fixture.Services.PrepareDatabaseAsync();

        Assert.True(ready);
        var lead = Assert.Single(await LeadsAsync(fixture));
        Assert.Equal((id, "+14155552671"), (lead.Id, lead.Phone));
        Assert.Equal(0, await QueryAsync(fixture, db => db.LegacyPhones.CountAsync()));
    }

    [Fact]
    public async Task Upgrade_RunTwice_ChangesNothingTheSecondTime()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var us = await TestData.WorkspaceAsync(fixture, "us");
        var id = await LegacyLeadAsync(fixture, us, "+4155552671");
        await UpgradeFromTheOldSchemaAsync(fixture);
        await RunStepAsync(fixture);
        var first = (await LeadsAsync(fixture)).Single();

        var rewritten = await RunStepAsync(fixture);

        Assert.Equal(0, rewritten);
        var second = (await LeadsAsync(fixture)).Single();
        Assert.Equal((id, "+14155552671", first.SearchText), (second.Id, second.Phone, second.SearchText));
    }

    [Fact]
    public async Task Upgrade_LeavesALeadWhosePhoneChangedSinceItWasQueued()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var us = await TestData.WorkspaceAsync(fixture, "us");
        var edited = await LegacyLeadAsync(fixture, us, "+4155552671");
        var waiting = await LegacyLeadAsync(fixture, us, "+2125550123");
        await UpgradeFromTheOldSchemaAsync(fixture);
        await using (var scope = fixture.ScopeAs(us.WorkspaceId))
        {
            // Another node, already upgraded, saved a new number (a Norwegian one, +47 and eight digits) first.
            var leads = scope.Get<LeadService>();
            var lead = await leads.GetAsync(edited);
            await leads.UpdateAsync(edited, lead.ToInput() with { Phone = "+47 41 23 45 67" }, lead.Version);
        }

        await RunStepAsync(fixture);

        var phones = (await LeadsAsync(fixture)).ToDictionary(l => l.Id, l => l.Phone);
        Assert.Equal("+4741234567", phones[edited]);
        Assert.Equal("+12125550123", phones[waiting]);
        Assert.Equal(0, await QueryAsync(fixture, db => db.LegacyPhones.CountAsync()));
    }

    [Fact]
    public async Task Upgrade_OfManyLeads_GoesInBatches_AndSearchFindsTheNewNumbers()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var us = await TestData.WorkspaceAsync(fixture, "us");
        await using (var scope = fixture.ScopeAs(us.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            db.Leads.AddRange(Enumerable.Range(0, LegacyPhoneUpgrade.BatchSize + 7).Select(i => new Lead
            {
                FirstName = $"Old{i:D4}",
                PipelineId = us.PipelineId,
                StageId = us.FirstStageId,
                Phone = $"+415555{i:D4}", // "(415) 555-0000" and on, stored with a bare +
            }));
            await db.SaveChangesAsync();
        }
        await UpgradeFromTheOldSchemaAsync(fixture);

        var rewritten = await RunStepAsync(fixture);

        Assert.Equal(LegacyPhoneUpgrade.BatchSize + 7, rewritten);
        await using var read = fixture.ScopeAs(us.WorkspaceId);
        var found = await read.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = "(415) 555-0312" });
        Assert.Equal(("Old0312", "+14155550312"), (Assert.Single(found.Rows).FirstName, found.Rows[0].Phone));
    }

    private static async Task<Guid> LegacyLeadAsync(CoreFixture fixture, WorkspaceSeed workspace, string? phone) =>
        await TestData.LeadAsync(fixture, workspace, $"Lead{Guid.CreateVersion7():N}"[..12], l => (l.Email, l.Phone) = (null, phone));

    /// <summary>Takes the schema back to before the migration PhoneNumbers, where an installation to upgrade is.</summary>
    private static async Task MigrateToTheOldSchemaAsync(CoreFixture fixture)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.Get<LeadDeskDbContext>();
        using (await db.EnterWriteAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforePhoneNumbers);
        }
        Assert.DoesNotContain("20261127000100_PhoneNumbers", await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The old schema, then the migrations up to now (without the start-up step), and the workspaces' regions set.</summary>
    private static async Task UpgradeFromTheOldSchemaAsync(CoreFixture fixture, params (string Slug, string Region)[] regions)
    {
        await MigrateToTheOldSchemaAsync(fixture);
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.Get<LeadDeskDbContext>();
        await db.MigrateAsync();
        foreach (var (slug, region) in regions)
        {
            using var write = await db.EnterWriteAsync();
            await db.Workspaces.Where(w => w.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(w => w.PhoneRegion, region));
        }
    }

    private static async Task<int> RunStepAsync(CoreFixture fixture)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        return await scope.Get<LegacyPhoneUpgrade>().RunAsync();
    }

    private static Task<List<Lead>> LeadsAsync(CoreFixture fixture) =>
        QueryAsync(fixture, db => db.Leads.IgnoreQueryFilters().AsNoTracking().OrderBy(l => l.Id).ToListAsync());

    private static async Task<T> QueryAsync<T>(CoreFixture fixture, Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        return await query(scope.Get<LeadDeskDbContext>());
    }
}
