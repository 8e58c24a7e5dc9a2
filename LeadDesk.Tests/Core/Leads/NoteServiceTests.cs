using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Leads;

public sealed class NoteServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private sealed record World(WorkspaceSeed Acme, Guid AdminId, Guid ManagerId, Guid AuthorId, Guid OtherRepId, Guid LeadId);

    private static async Task<World> ArrangeAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var managerId = await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        var authorId = await TestData.MemberAsync(fixture, acme, "author", WorkspaceRole.SalesRep);
        var otherRepId = await TestData.MemberAsync(fixture, acme, "other", WorkspaceRole.SalesRep);
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        return new World(acme, adminId, managerId, authorId, otherRepId, leadId);
    }

    private static async Task<Guid> NoteAsync(CoreFixture fixture, World world, string body)
    {
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);
        return await scope.Get<NoteService>().AddAsync(world.LeadId, body);
    }

    [Fact]
    public async Task Add_KeepsTheNote_WithItsAuthor_AndRecordsIt()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);

        var noteId = await NoteAsync(fixture, world, "  Called, wants a demo.  ");

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);
        var note = Assert.Single(await read.Get<NoteService>().ListAsync(world.LeadId));
        Assert.Equal((noteId, "Called, wants a demo.", world.AuthorId, "author", true, false), (note.Id, note.Body, note.AuthorId!.Value, note.AuthorName, note.CanChange, note.IsEdited));
        var activity = Assert.Single(await read.Get<ActivityService>().ListAsync(world.LeadId), a => a.Type == ActivityType.Note);
        Assert.Equal(("Note added", "Called, wants a demo.", "author"), (activity.Title, activity.Details, activity.ActorName));
        var history = Assert.Single(await read.Get<HistoryService>().ListAsync(world.LeadId), h => h.Field == "Note");
        Assert.Equal((null, "Called, wants a demo.", "author"), (history.OldValue, history.NewValue, history.ChangedBy));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public async Task Add_WithAnEmptyBody_IsRejected(string? body)
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<NoteService>().AddAsync(world.LeadId, body));

        Assert.Equal(["body"], error.ByField().Keys);
        Assert.Empty(await scope.Get<NoteService>().ListAsync(world.LeadId));
    }

    [Fact]
    public async Task Add_WithAnOverlongBody_IsRejected()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<NoteService>().AddAsync(world.LeadId, new string('n', LeadNote.BodyMaxLength + 1)));

        Assert.Equal(["body"], error.ByField().Keys);
    }

    [Fact]
    public async Task Add_WithABodyAtTheLimit_IsAccepted()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);

        await NoteAsync(fixture, world, new string('n', LeadNote.BodyMaxLength));

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId);
        Assert.Equal(LeadNote.BodyMaxLength, Assert.Single(await read.Get<NoteService>().ListAsync(world.LeadId)).Body.Length);
    }

    [Fact]
    public async Task Add_ToAnotherWorkspacesLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirs = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().AddAsync(theirs, "Hello"));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().ListAsync(theirs));
    }

    [Fact]
    public async Task Notes_OfALeadInTheTrash_CanBeReadButNotChanged()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "Before the trash");
        await using (var admin = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId))
        {
            await admin.Get<LeadService>().DeleteAsync(world.LeadId);
        }
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);
        var service = scope.Get<NoteService>();

        await Assert.ThrowsAsync<NotFoundException>(() => service.AddAsync(world.LeadId, "After"));
        await Assert.ThrowsAsync<NotFoundException>(() => service.EditAsync(world.LeadId, noteId, "After"));
        await Assert.ThrowsAsync<NotFoundException>(() => service.DeleteAsync(world.LeadId, noteId));

        Assert.Equal("Before the trash", Assert.Single(await service.ListAsync(world.LeadId)).Body);
    }

    [Fact]
    public async Task Edit_ByTheAuthor_ChangesTheNote_AndRecordsOldAndNew()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "First draft");
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep))
        {
            await scope.Get<NoteService>().EditAsync(world.LeadId, noteId, "Second draft");
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);
        var note = Assert.Single(await read.Get<NoteService>().ListAsync(world.LeadId));
        Assert.Equal(("Second draft", true), (note.Body, note.IsEdited));
        var history = (await read.Get<HistoryService>().ListAsync(world.LeadId)).Where(h => h.Field == "Note").ToList();
        Assert.Equal([("First draft", "Second draft"), (null, "First draft")], history.Select(h => (h.OldValue, h.NewValue)));
    }

    [Fact]
    public async Task Delete_ByTheAuthor_RemovesTheNote_AndRecordsIt()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "Oops");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await using (var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep))
        {
            await scope.Get<NoteService>().DeleteAsync(world.LeadId, noteId);
        }

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);
        Assert.Empty(await read.Get<NoteService>().ListAsync(world.LeadId));
        var latest = (await read.Get<HistoryService>().ListAsync(world.LeadId))[0];
        Assert.Equal(("Note", "Oops", null), (latest.Field, latest.OldValue, latest.NewValue));
    }

    [Fact]
    public async Task EditAndDelete_ByAnAdmin_WorkOnAnyNote()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var first = await NoteAsync(fixture, world, "Rude remark");
        var second = await NoteAsync(fixture, world, "Another");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId, WorkspaceRole.Admin);
        var service = scope.Get<NoteService>();
        Assert.All(await service.ListAsync(world.LeadId), n => Assert.True(n.CanChange));

        await service.EditAsync(world.LeadId, first, "Polite remark");
        await service.DeleteAsync(world.LeadId, second);

        await using var read = fixture.ScopeAs(world.Acme.WorkspaceId);
        Assert.Equal("Polite remark", Assert.Single(await read.Get<NoteService>().ListAsync(world.LeadId)).Body);
    }

    [Theory]
    [InlineData(WorkspaceRole.SalesRep)]
    [InlineData(WorkspaceRole.Manager)]
    public async Task EditAndDelete_BySomeoneElse_AreForbidden(WorkspaceRole role)
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "Mine");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, role == WorkspaceRole.Manager ? world.ManagerId : world.OtherRepId, role);
        var service = scope.Get<NoteService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.EditAsync(world.LeadId, noteId, "Theirs now"));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.DeleteAsync(world.LeadId, noteId));

        var note = Assert.Single(await service.ListAsync(world.LeadId));
        Assert.Equal(("Mine", false), (note.Body, note.CanChange));
    }

    [Fact]
    public async Task Edit_WithAnEmptyBody_IsRejected_AndKeepsTheNote()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "Keep me");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AuthorId, WorkspaceRole.SalesRep);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<NoteService>().EditAsync(world.LeadId, noteId, "   "));

        Assert.Equal(["body"], error.ByField().Keys);
        Assert.Equal("Keep me", Assert.Single(await scope.Get<NoteService>().ListAsync(world.LeadId)).Body);
    }

    [Fact]
    public async Task Edit_OfANoteOfAnotherLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        var noteId = await NoteAsync(fixture, world, "On Alice");
        var bob = await TestData.LeadAsync(fixture, world.Acme, "Bob");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().EditAsync(bob, noteId, "Moved"));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().DeleteAsync(bob, noteId));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<NoteService>().DeleteAsync(world.LeadId, Guid.NewGuid()));
    }

    [Fact]
    public async Task List_ShowsTheNewestNoteFirst()
    {
        var fixture = database.Fixture;
        var world = await ArrangeAsync(fixture);
        await NoteAsync(fixture, world, "Older");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await NoteAsync(fixture, world, "Newer");
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        var notes = await scope.Get<NoteService>().ListAsync(world.LeadId);

        Assert.Equal(["Newer", "Older"], notes.Select(n => n.Body));
        Assert.Equal(2, await scope.Get<LeadDeskDbContext>().LeadNotes.CountAsync());
    }
}
