using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Products;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Core.Trash.LeadPartsKit;

namespace LeadDesk.Tests.Core.Trash;

/// <summary>Notes, documents and product lines go to the trash like leads, and stay there on their own.</summary>
public sealed class PartsTrashTests(TrashDatabase database) : IClassFixture<TrashDatabase>
{
    [Fact]
    public async Task DeletingANoteDocumentOrProductLine_MovesItToTheTrash_AndHistoryRecordsIt()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var lead = await LeadAsync(fixture, world);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            await scope.Get<NoteService>().DeleteAsync(lead.LeadId, lead.NoteId);
            await scope.Get<DocumentService>().DeleteAsync(lead.LeadId, lead.DocumentId);
            await scope.Get<ProductService>().RemoveAsync(lead.LeadId, lead.LineId);
        }

        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var db = read.Get<LeadDeskDbContext>();
        var trashed = new[]
        {
            await db.LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(n => n.Id == lead.NoteId).Select(n => new { n.IsDeleted, n.DeletedAt, n.DeletedById }).SingleAsync(),
            await db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(d => d.Id == lead.DocumentId).Select(d => new { d.IsDeleted, d.DeletedAt, d.DeletedById }).SingleAsync(),
            await db.LeadProducts.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(p => p.Id == lead.LineId).Select(p => new { p.IsDeleted, p.DeletedAt, p.DeletedById }).SingleAsync(),
        };
        Assert.All(trashed, t => Assert.Equal((true, now, world.AdminId), (t.IsDeleted, t.DeletedAt, t.DeletedById)));
        Assert.Empty(await read.Get<NoteService>().ListAsync(lead.LeadId));
        Assert.Empty(await read.Get<DocumentService>().ListAsync(lead.LeadId));
        Assert.Empty(await read.Get<ProductService>().ListAsync(lead.LeadId));
        Assert.True(File.Exists(lead.FilePath));
        var deletions = (await read.Get<HistoryService>().ListAsync(lead.LeadId)).Where(h => h.ChangedAt == now).OrderBy(h => h.Field).ToList();
        Assert.Equal(["Document", "Note", "Product"], deletions.Select(h => h.Field));
        Assert.All(deletions, h => Assert.Null(h.NewValue));
        Assert.Equal($"Spoke with {lead.Name} about the licence.", deletions[1].OldValue);
    }

    [Fact]
    public async Task RestoringALead_LeavesItsSeparatelyDeletedPartsInTheTrash()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var lead = await LeadAsync(fixture, world);
        Guid kept;
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            kept = await scope.Get<NoteService>().AddAsync(lead.LeadId, "Still here.");
            await scope.Get<NoteService>().DeleteAsync(lead.LeadId, lead.NoteId);
            await scope.Get<DocumentService>().DeleteAsync(lead.LeadId, lead.DocumentId);
            await scope.Get<LeadService>().DeleteAsync(lead.LeadId);
        }

        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            await scope.Get<LeadService>().RestoreAsync(lead.LeadId);
        }

        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        Assert.False((await read.Get<LeadService>().GetAsync(lead.LeadId)).IsDeleted);
        Assert.Equal([kept], (await read.Get<NoteService>().ListAsync(lead.LeadId)).Select(n => n.Id));
        Assert.Empty(await read.Get<DocumentService>().ListAsync(lead.LeadId));
        Assert.Single(await read.Get<ProductService>().ListAsync(lead.LeadId));
    }

    [Fact]
    public async Task AProductRemovedAndAddedAgain_CountsOnceInTheValue_EvenInOneScope()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var leadId = await TestData.LeadAsync(fixture, world.Workspace, UniqueName("Vera"), l => l.ValueFromProducts = true);
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            var products = scope.Get<ProductService>();
            var line = await products.AddAsync(leadId, new ProductLineInput(world.ProductId, 1, null, 0));
            await products.RemoveAsync(leadId, line);
            await products.AddAsync(leadId, new ProductLineInput(world.ProductId, 3, null, 0));
        }

        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var lines = await read.Get<LeadDeskDbContext>().LeadProducts.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
            .Where(p => p.LeadId == leadId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => new { p.Quantity, p.IsDeleted }).ToListAsync();
        Assert.Equal([(1m, true), (3m, false)], lines.Select(l => (l.Quantity, l.IsDeleted)));
        Assert.Equal(300m, (await read.Get<LeadService>().GetAsync(leadId)).EstimatedValue);
    }
}
