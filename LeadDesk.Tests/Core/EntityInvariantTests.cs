using System.Reflection;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

/// <summary>Workspace, audit, deletion, status and version fields change only through the entities' own behaviour.</summary>
public sealed class EntityInvariantTests
{
    private static readonly string[] Guarded =
        ["WorkspaceId", "CreatedAt", "UpdatedAt", "CreatedById", "UpdatedById", "IsDeleted", "DeletedAt", "DeletedById", "Status", "Version"];

    [Fact]
    public async Task NoMappedEntity_HasAPublicSetterForAGuardedField()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var model = scope.Get<LeadDeskDbContext>().Model;

        var settable = model.GetEntityTypes()
            .Where(t => t.ClrType.Namespace?.StartsWith("LeadDesk.Core", StringComparison.Ordinal) == true)
            .SelectMany(t => t.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => Guarded.Contains(p.Name) && p.SetMethod is { IsPublic: true })
                .Select(p => $"{t.ClrType.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(settable);
        Assert.Contains(model.GetEntityTypes(), t => typeof(WorkspaceEntity).IsAssignableFrom(t.ClrType));
    }

    [Fact]
    public async Task ARowBroughtWithItsCreationTime_KeepsIt_AndASavedRowCannotBeBackdated()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var created = new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);

        var id = await TestData.LeadAsync(fixture, acme, "Olda", l => l.Backdate(created));

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await scope.Get<LeadDeskDbContext>().Leads.SingleAsync(l => l.Id == id);
        Assert.Equal(created, lead.CreatedAt);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, lead.UpdatedAt);
        Assert.Throws<InvalidOperationException>(() => lead.Backdate(created.AddYears(-1)));
    }

    [Fact]
    public async Task ALeadRestoredFromTheTrash_LosesItsDeletionStamps()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Tess");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadService>().DeleteAsync(id);
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            var trashed = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).SingleAsync(l => l.Id == id);
            Assert.True(trashed.IsDeleted);
            Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, trashed.DeletedAt);
            await scope.Get<LeadService>().RestoreAsync(id);
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var lead = await scope.Get<LeadDeskDbContext>().Leads.SingleAsync(l => l.Id == id);
            Assert.False(lead.IsDeleted);
            Assert.Null(lead.DeletedAt);
            Assert.Null(lead.DeletedById);
            Assert.Equal(2, lead.Version);
        }
    }
}
