using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

public sealed class AuditingTests
{
    [Fact]
    public async Task Adding_StampsTimesAndActor()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var userId = await TestUsers.CreateAsync(fixture, "rep@example.com");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId, userId);
        var lead = await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Leads.SingleAsync(l => l.Id == leadId);

        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, lead.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, lead.CreatedAt.Kind);
        Assert.Equal(lead.CreatedAt, lead.UpdatedAt);
        Assert.Equal(0, lead.Version);
    }

    [Fact]
    public async Task Updating_StampsUpdaterAndTime_AndBumpsVersion()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var userId = await TestUsers.CreateAsync(fixture, "rep@example.com");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        var created = fixture.Clock.GetUtcNow().UtcDateTime;
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, userId))
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
            lead.Company = "Acme Ltd";
            await db.SaveChangesAsync();
        }

        await using var readScope = fixture.ScopeAs(acme.WorkspaceId);
        var saved = await readScope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Leads.SingleAsync(l => l.Id == leadId);
        Assert.Equal(created, saved.CreatedAt);
        Assert.Equal(created.AddMinutes(5), saved.UpdatedAt);
        Assert.Equal(userId, saved.UpdatedById);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task Deleting_ALead_SoftDeletesIt()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var userId = await TestUsers.CreateAsync(fixture, "manager@example.com");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, userId))
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            db.Leads.Remove(await db.Leads.SingleAsync(l => l.Id == leadId));
            await db.SaveChangesAsync();
        }

        await using var readScope = fixture.ScopeAs(acme.WorkspaceId);
        var readDb = readScope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        Assert.False(await readDb.Leads.AnyAsync(l => l.Id == leadId));
        var deleted = await readDb.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).SingleAsync(l => l.Id == leadId);
        Assert.True(deleted.IsDeleted);
        Assert.Equal(userId, deleted.DeletedById);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, deleted.DeletedAt);
    }

    [Fact]
    public async Task SoftDeletedRows_StayHiddenFromOtherWorkspaces_EvenWithoutTheSoftDeleteFilter()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");
        var leadId = await TestData.LeadAsync(fixture, globex, "Bob");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();

        Assert.False(await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AnyAsync(l => l.Id == leadId));
    }

    [Fact]
    public async Task ConcurrentEdits_TheSecondSaveIsAConflict()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");

        var sam = await TestData.MemberAsync(fixture, acme, "Sam Saver", WorkspaceRole.SalesRep);
        await using var first = fixture.ScopeAs(acme.WorkspaceId, sam, WorkspaceRole.SalesRep);
        await using var second = fixture.ScopeAs(acme.WorkspaceId);
        var firstDb = first.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var firstCopy = await firstDb.Leads.SingleAsync(l => l.Id == leadId);
        var secondCopy = await secondDb.Leads.SingleAsync(l => l.Id == leadId);

        firstCopy.Title = "CTO";
        await firstDb.SaveChangesAsync();
        secondCopy.Title = "CEO";

        // A conflict says what the lead is now and who saved it, whatever the entry point.
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => secondDb.SaveChangesAsync());
        Assert.Equal(firstCopy.Version, conflict.CurrentVersion);
        Assert.Equal("Sam Saver", conflict.ChangedBy);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, conflict.ChangedAt);
        Assert.Equal("CTO", (await secondDb.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId)).Title);
    }
}
