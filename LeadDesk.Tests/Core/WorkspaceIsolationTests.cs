using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

public sealed class WorkspaceIsolationTests
{
    [Fact]
    public async Task Queries_OnlySeeTheCurrentWorkspacesRows()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");
        await TestData.LeadAsync(fixture, acme, "Alice");
        var bobId = await TestData.LeadAsync(fixture, globex, "Bob");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();

        Assert.Equal(["Alice"], await db.Leads.Select(l => l.FirstName).ToListAsync());
        Assert.Null(await db.Leads.FirstOrDefaultAsync(l => l.Id == bobId));
        Assert.Single(await db.Pipelines.ToListAsync());
        Assert.All(await db.Stages.ToListAsync(), s => Assert.Equal(acme.WorkspaceId, s.WorkspaceId));
    }

    [Fact]
    public async Task Queries_WithNoCurrentWorkspace_SeeNothing()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Alice");

        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();

        Assert.Equal(0, await db.Leads.CountAsync());
        Assert.Equal(0, await db.Pipelines.CountAsync());
    }

    [Fact]
    public async Task Saving_StampsTheCurrentWorkspace()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");

        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Leads.SingleAsync(l => l.Id == leadId);
        Assert.Equal(acme.WorkspaceId, lead.WorkspaceId);
    }

    [Fact]
    public async Task Adding_ARowOfAnotherWorkspace_IsRefused()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var globexLead = await TestData.LeadAsync(fixture, globex, "Mallory");
        db.LeadHistory.Add(new LeadHistoryEntry(globex.WorkspaceId, globexLead, "Email", null, "mallory@example.com", DateTime.UtcNow, null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Memberships_AreListedAcrossWorkspaces_ForTheirUserOnly()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var globex = await TestData.WorkspaceAsync(fixture, "globex");
        var userId = await TestUsers.CreateAsync(fixture, "member@example.com");
        var otherId = await TestUsers.CreateAsync(fixture, "other@example.com");
        await TestUsers.AddMemberAsync(fixture, acme.WorkspaceId, userId, WorkspaceRole.Admin);
        await TestUsers.AddMemberAsync(fixture, globex.WorkspaceId, userId, WorkspaceRole.SalesRep);
        await TestUsers.AddMemberAsync(fixture, globex.WorkspaceId, otherId, WorkspaceRole.Manager);

        await using var scope = fixture.ScopeAs(workspaceId: null);
        var memberships = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().MembershipsOfAsync(userId);

        Assert.Equal(
            [("acme", WorkspaceRole.Admin), ("globex", WorkspaceRole.SalesRep)],
            memberships.Select(m => (m.Slug, m.Role)).OrderBy(m => m.Slug));
    }
}
