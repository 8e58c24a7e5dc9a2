using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Products;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Core.Trash.LeadPartsKit;

namespace LeadDesk.Tests.Core.Trash;

/// <summary>
/// The trash purge: each workspace's retention, every part and file of a purged lead, batches, and failures that lose
/// nothing. Purges run in batches of two (<see cref="TrashDatabase"/>).
/// </summary>
public sealed class TrashPurgeTests(TrashDatabase database) : IClassFixture<TrashDatabase>
{
    [Fact]
    public async Task Purge_RemovesLeadsInTheTrashLongerThanTheirWorkspacesRetention_WithEveryPartAndFile_AndNothingElse()
    {
        var fixture = database.Fixture;
        var acme = await WorldAsync(fixture, "acme"); // the default 30 days
        var globex = await WorldAsync(fixture, "globex");
        await SetRetentionAsync(fixture, globex, 90);
        var acmeOld = await LeadAsync(fixture, acme);
        var acmeYoung = await LeadAsync(fixture, acme);
        var acmeLive = await LeadAsync(fixture, acme);
        var globexOld = await LeadAsync(fixture, globex);
        await DeleteAsync(fixture, acme, acmeOld.LeadId);
        await DeleteAsync(fixture, globex, globexOld.LeadId);
        fixture.Clock.Advance(TimeSpan.FromDays(25));
        await DeleteAsync(fixture, acme, acmeYoung.LeadId);
        fixture.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1)); // the old ones: 30 days and a minute in the trash
        var kept = new[] { (acme, acmeYoung), (acme, acmeLive), (globex, globexOld) };
        var before = await Task.WhenAll(kept.Select(k => TracesAsync(fixture, k.Item1, k.Item2)));

        await PurgeAsync(fixture);

        Assert.Equal(Traces.None, await TracesAsync(fixture, acme, acmeOld));
        var after = await Task.WhenAll(kept.Select(k => TracesAsync(fixture, k.Item1, k.Item2)));
        // Idempotency answers expire after a day whoever they carry: the purge prunes them all (see the test below).
        Assert.Equal(before.Select(t => t with { Answers = 0 }), after);
        Assert.All(after, t => Assert.True(t.File));

        fixture.Clock.Advance(TimeSpan.FromDays(60)); // globex's old lead: 90 days and a minute; acme's young one: 65 days

        await PurgeAsync(fixture);

        Assert.Equal(Traces.None, await TracesAsync(fixture, globex, globexOld));
        Assert.Equal(Traces.None, await TracesAsync(fixture, acme, acmeYoung));
        Assert.Equal(after[1], await TracesAsync(fixture, acme, acmeLive));
    }

    [Fact]
    public async Task Purge_GoesThroughManyExpiredLeads_BatchByBatch()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var leads = new List<LeadWithParts>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await LeadAsync(fixture, world));
            await DeleteAsync(fixture, world, leads[^1].LeadId);
        }
        fixture.Clock.Advance(TimeSpan.FromDays(31));

        await PurgeAsync(fixture);

        foreach (var lead in leads)
        {
            Assert.Equal(Traces.None, await TracesAsync(fixture, world, lead));
        }
    }

    [Fact]
    public async Task Purge_WhenAFileCannotBeDeleted_LosesNothing_AndTheNextRunFinishes()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var stuck = await LeadAsync(fixture, world);
        var other = await LeadAsync(fixture, world);
        await DeleteAsync(fixture, world, stuck.LeadId);
        await DeleteAsync(fixture, world, other.LeadId);
        fixture.Clock.Advance(TimeSpan.FromDays(31));
        // Something the storage cannot delete sits where the file should be.
        File.Delete(stuck.FilePath);
        Directory.CreateDirectory(stuck.FilePath);
        await File.WriteAllTextAsync(Path.Combine(stuck.FilePath, "in-the-way"), "x");

        await PurgeAsync(fixture);

        Assert.Equal(Traces.None with { QueuedFiles = 1, File = true }, await TracesAsync(fixture, world, stuck));
        Assert.Equal(Traces.None, await TracesAsync(fixture, world, other));

        Directory.Delete(stuck.FilePath, recursive: true); // what was in the way is gone (say, an operator fixed it)
        await File.WriteAllTextAsync(stuck.FilePath, "the file itself");

        await PurgeAsync(fixture);

        Assert.Equal(Traces.None, await TracesAsync(fixture, world, stuck));
    }

    [Fact]
    public async Task QueuedFiles_AreDeletedOnlyOnceTheirDocumentRowsAreGone()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var crashed = await LeadAsync(fixture, world);
        var raced = await LeadAsync(fixture, world);
        await using (var scope = fixture.ScopeAs(world.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            var now = fixture.Clock.GetUtcNow().UtcDateTime;
            // A purge that committed and then died before deleting its file: the row is gone, the file still queued.
            db.DocumentFileDeletions.Add(new DocumentFileDeletion(crashed.DocumentId, now));
            // A queued file whose row is still there (a lead restored while it was purged): it must stay.
            db.DocumentFileDeletions.Add(new DocumentFileDeletion(raced.DocumentId, now));
            await db.SaveChangesAsync();
            using (await db.EnterWriteAsync())
            {
                await db.LeadDocuments.Where(d => d.Id == crashed.DocumentId).ExecuteDeleteAsync();
            }
        }

        await PurgeAsync(fixture);

        Assert.False(File.Exists(crashed.FilePath));
        Assert.True(File.Exists(raced.FilePath));
        Assert.Equal((0, 0), ((await TracesAsync(fixture, world, crashed)).QueuedFiles, (await TracesAsync(fixture, world, raced)).QueuedFiles));
    }

    [Fact]
    public async Task Purge_RemovesNotesDocumentsAndProductLinesInTheTrashLongerThanTheRetention_FromLiveLeads()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var lead = await LeadAsync(fixture, world);
        Guid younger;
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            younger = await scope.Get<NoteService>().AddAsync(lead.LeadId, "Deleted later.");
            await scope.Get<NoteService>().DeleteAsync(lead.LeadId, lead.NoteId);
            await scope.Get<DocumentService>().DeleteAsync(lead.LeadId, lead.DocumentId);
            await scope.Get<ProductService>().RemoveAsync(lead.LeadId, lead.LineId);
        }
        fixture.Clock.Advance(TimeSpan.FromDays(20));
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            await scope.Get<NoteService>().DeleteAsync(lead.LeadId, younger);
        }
        fixture.Clock.Advance(TimeSpan.FromDays(11));
        var before = await TracesAsync(fixture, world, lead);

        await PurgeAsync(fixture);

        var after = await TracesAsync(fixture, world, lead);
        Assert.Equal(before with { Notes = 1, ProductLines = 0, Documents = 0, Answers = 0, File = false }, after);
        await using var read = fixture.ScopeAs(world.WorkspaceId);
        var notes = read.Get<LeadDeskDbContext>().LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]);
        var left = await notes.Where(n => n.LeadId == lead.LeadId).Select(n => new { n.Id, n.IsDeleted }).SingleAsync();
        Assert.Equal((younger, true), (left.Id, left.IsDeleted));
    }

    [Fact]
    public async Task Purge_PrunesExpiredIdempotencyRecords_AndKeepsLiveOnes()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        async Task<Guid> AnswerAsync()
        {
            await using var scope = fixture.ScopeAs(world.WorkspaceId);
            var store = scope.Get<IdempotencyStore>();
            var begun = (IdempotencyOutcome.Proceed)await store.BeginAsync(Guid.NewGuid().ToString(), "POST", "/api/external/v1/leads", "{}");
            await store.CompleteAsync(begun.RecordId, 201, "{}");
            return begun.RecordId;
        }
        var expired = await AnswerAsync();
        fixture.Clock.Advance(IdempotencyStore.Lifetime);
        var live = await AnswerAsync();

        await PurgeAsync(fixture);

        await using var read = fixture.ScopeAs(world.WorkspaceId);
        Assert.Equal([live], await read.Get<LeadDeskDbContext>().IdempotencyRecords.Where(r => r.Id == expired || r.Id == live).Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public async Task TrashRetention_Is30DaysUntilAnAdminSetsIt_From1To3650Days()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var settings = scope.Get<LeadSettingsService>();
        var initial = await settings.TrashRetentionDaysAsync();

        await settings.SetTrashRetentionDaysAsync(1);
        var shortest = await settings.TrashRetentionDaysAsync();
        await settings.SetTrashRetentionDaysAsync(3650);
        var longest = await settings.TrashRetentionDaysAsync();
        var tooShort = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => settings.SetTrashRetentionDaysAsync(0));
        var tooLong = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => settings.SetTrashRetentionDaysAsync(3651));

        Assert.Equal((30, 1, 3650), (initial, shortest, longest));
        Assert.Equal("trashRetentionDays", Assert.Single(tooShort.Errors).PropertyName);
        Assert.Equal("trashRetentionDays", Assert.Single(tooLong.Errors).PropertyName);
        Assert.Equal(3650, await settings.TrashRetentionDaysAsync());
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task TrashRetention_CanOnlyBeChangedByAnAdmin(WorkspaceRole role)
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var member = await TestData.MemberAsync(fixture, world.Workspace, "member", role);
        await using var scope = fixture.ScopeAs(world.WorkspaceId, member, role);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<LeadSettingsService>().SetTrashRetentionDaysAsync(5));

        Assert.Equal(30, await scope.Get<LeadSettingsService>().TrashRetentionDaysAsync());
    }

    private static async Task SetRetentionAsync(CoreFixture fixture, PartsWorld world, int days)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        await scope.Get<LeadSettingsService>().SetTrashRetentionDaysAsync(days);
    }
}
