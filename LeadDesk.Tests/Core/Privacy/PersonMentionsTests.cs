using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Privacy;
using LeadDesk.Tests.Core.Trash;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Core.Trash.LeadPartsKit;

namespace LeadDesk.Tests.Core.Privacy;

/// <summary>
/// The erasure's two steps: the scan before the write transaction, and the rewrite inside it, which looks only at what the
/// scan found and at texts written since (with an overlap for writes stamped before they commit).
/// </summary>
public sealed class PersonMentionsTests(TrashDatabase database) : IClassFixture<TrashDatabase>
{
    [Fact]
    public async Task Erase_RewritesWhatTheScanFound_AndWhatWasWrittenSince_ButNoOlderText()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        var other = await TestData.LeadAsync(fixture, world.Workspace, UniqueName("Otto"));
        var found = await NoteAsync(fixture, world, other, $"Knows {person.Email}.");
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var startedAt = fixture.Clock.GetUtcNow().UtcDateTime;
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var mentions = new PersonMentions(scope.Get<LeadDeskDbContext>());
        var lead = await scope.Get<LeadDeskDbContext>().Leads.AsNoTracking().SingleAsync(l => l.Id == person.LeadId);
        var subject = await mentions.PersonAsync(lead, default);
        var scan = await mentions.FindAsync(subject, startedAt, default);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var writtenSince = await NoteAsync(fixture, world, other, $"Called {person.Phone} after the scan.");
        var committedLate = await NoteAsync(fixture, world, other, $"Stamped before the scan, committed after it: {person.Email}.");
        var unseen = await NoteAsync(fixture, world, other, $"Old, and not found by the scan: {person.Email}.");
        await StampAsync(fixture, world, committedLate, startedAt.AddMinutes(-9));
        await StampAsync(fixture, world, unseen, startedAt.AddMinutes(-11));

        await mentions.EraseAsync(subject, scan, default);

        Assert.Equal(
            [$"Knows {LeadErasureService.Erased}.", $"Called {LeadErasureService.Erased} after the scan.",
             $"Stamped before the scan, committed after it: {LeadErasureService.Erased}.", $"Old, and not found by the scan: {person.Email}."],
            await BodiesAsync(fixture, world, found, writtenSince, committedLate, unseen));
        // Without a scan every text is looked at: the old note is the only one left.
        Assert.Equal(1, await mentions.EraseAsync(subject, null, default));
        Assert.Equal([$"Old, and not found by the scan: {LeadErasureService.Erased}."], await BodiesAsync(fixture, world, unseen));
    }

    private static async Task<Guid> NoteAsync(CoreFixture fixture, PartsWorld world, Guid leadId, string body)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        return await scope.Get<NoteService>().AddAsync(leadId, body);
    }

    private static async Task StampAsync(CoreFixture fixture, PartsWorld world, Guid noteId, DateTime updatedAt)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId);
        var db = scope.Get<LeadDeskDbContext>();
        using (await db.EnterWriteAsync())
        {
            await db.LeadNotes.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.UpdatedAt, updatedAt));
        }
    }

    private static async Task<List<string>> BodiesAsync(CoreFixture fixture, PartsWorld world, params Guid[] noteIds)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId);
        var bodies = await scope.Get<LeadDeskDbContext>().LeadNotes.Where(n => noteIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Body);
        return [.. noteIds.Select(id => bodies[id])];
    }
}
