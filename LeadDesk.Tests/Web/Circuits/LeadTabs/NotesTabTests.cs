using Bunit;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The notes tab: adding, editing and deleting notes (their author or an admin), in the trash, and live.</summary>
public sealed class NotesTabTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task AddingANote_SavesIt_AndShowsItWithItsAuthor_AndEmptiesTheBox()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);
        Assert.Contains("No notes yet.", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);

        await tab.Find("textarea[data-testid=note-draft]").ChangeAsync(new ChangeEventArgs { Value = "Called, wants a demo next week." });
        await tab.Button("Add note").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("Called, wants a demo next week.", tab.Find(".ld-note .ld-note-body").TextContent));
        Assert.Equal("rep", tab.Find(".ld-note .ld-note-meta strong").TextContent);
        Assert.Equal("", tab.Find("textarea[data-testid=note-draft]").TextContent);
        Assert.Equal(["Called, wants a demo next week."], await Fixture.QueryAsync(acme, db => db.LeadNotes.Where(n => n.LeadId == lead).Select(n => n.Body).ToListAsync()));
        Assert.Equal(["Note added."], context.Snackbars());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyNote_IsRefusedBesideTheBox_KeepsWhatWasTyped_AndSavesNothing(string body)
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);

        await tab.Find("textarea[data-testid=note-draft]").ChangeAsync(new ChangeEventArgs { Value = body });
        await tab.Button("Add note").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal(["Write something in the note."], tab.FieldErrors()));
        Assert.Equal(body, tab.Find("textarea[data-testid=note-draft]").TextContent);
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.LeadId == lead)));
        Assert.Empty(context.Snackbars());
    }

    [Fact]
    public async Task ANoteTooLong_IsRefusedBesideTheBox_EveryTimeItIsTried_AndKeepsTheText()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);
        var tooLong = new string('x', LeadDesk.Core.Notes.LeadNote.BodyMaxLength + 1);

        await tab.Find("textarea[data-testid=note-draft]").ChangeAsync(new ChangeEventArgs { Value = tooLong });
        await tab.Button("Add note").ClickAsync();
        tab.WaitForAssertion(() => Assert.Single(tab.FieldErrors()));
        await tab.Button("Add note").ClickAsync();

        tab.WaitForAssertion(() => Assert.StartsWith("A note can be at most", Assert.Single(tab.FieldErrors()), StringComparison.Ordinal));
        Assert.Equal(tooLong, tab.Find("textarea[data-testid=note-draft]").TextContent);
    }

    [Fact]
    public async Task TheAuthor_EditsTheirNote_AndItSaysEdited()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var note = await NoteAsync(acme, lead, rep, "Frist call.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        await tab.Find($"li[data-note-id='{note}'] button[data-action=edit]").ClickAsync();
        await tab.Find("textarea[data-testid=note-edit]").ChangeAsync(new ChangeEventArgs { Value = "First call." });
        await tab.Button("Save note").ClickAsync();

        tab.WaitForAssertion(() => Assert.Equal("First call.", tab.Find($"li[data-note-id='{note}'] .ld-note-body").TextContent));
        Assert.Contains("(edited)", tab.Find($"li[data-note-id='{note}'] .ld-note-meta").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("textarea[data-testid=note-edit]"));
        Assert.Equal("First call.", await Fixture.QueryAsync(acme, db => db.LeadNotes.Where(n => n.Id == note).Select(n => n.Body).SingleAsync()));
    }

    [Fact]
    public async Task EditingToNothing_IsRefusedBesideTheText_AndCancelPutsTheNoteBack()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var note = await NoteAsync(acme, lead, rep, "Keep me.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);

        await tab.Find($"li[data-note-id='{note}'] button[data-action=edit]").ClickAsync();
        await tab.Find("textarea[data-testid=note-edit]").ChangeAsync(new ChangeEventArgs { Value = " " });
        await tab.Button("Save note").ClickAsync();
        tab.WaitForAssertion(() => Assert.Equal(["Write something in the note."], tab.FieldErrors()));
        Assert.Equal(" ", tab.Find("textarea[data-testid=note-edit]").TextContent);
        await tab.Button("Cancel").ClickAsync();

        Assert.Equal("Keep me.", tab.Find($"li[data-note-id='{note}'] .ld-note-body").TextContent);
        Assert.Equal("Keep me.", await Fixture.QueryAsync(acme, db => db.LeadNotes.Where(n => n.Id == note).Select(n => n.Body).SingleAsync()));
    }

    [Fact]
    public async Task ARep_IsNotOfferedToChangeAnotherMembersNote_ButAnAdminIs()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        var admin = await TestData.MemberAsync(Fixture, acme, "ada", WorkspaceRole.Admin);
        var theirs = await NoteAsync(acme, lead, sam, "Sam's note.");
        var mine = await NoteAsync(acme, lead, rep, "My note.");

        await using var asRep = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var repTab = asRep.RenderTab<NotesTab>(lead);
        await using var asAdmin = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var adminTab = asAdmin.RenderTab<NotesTab>(lead);

        Assert.Empty(repTab.FindAll($"li[data-note-id='{theirs}'] button"));
        Assert.Equal(["edit", "delete"], repTab.FindAll($"li[data-note-id='{mine}'] button").Select(b => b.GetAttribute("data-action")));
        Assert.Equal(["edit", "delete"], adminTab.FindAll($"li[data-note-id='{theirs}'] button").Select(b => b.GetAttribute("data-action")));
    }

    [Fact]
    public async Task AnAdminDemotedWhileTheTabIsOpen_IsRefusedDeletingAnotherMembersNote_AndTheNoteStays()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var admin = await TestData.MemberAsync(Fixture, acme, "ada", WorkspaceRole.Admin);
        var theirs = await NoteAsync(acme, lead, rep, "Rep's note.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, admin, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<NotesTab>(lead);
        await Fixture.SetRoleAsync(acme, admin, WorkspaceRole.SalesRep);

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-note-id='{theirs}'] button[data-action=delete]"), dialogs, "Delete");

        Assert.Equal(["Only the note's author or an admin can change it."], context.Snackbars());
        Assert.Equal(1, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.Id == theirs)));
        Assert.Single(tab.FindAll($"li[data-note-id='{theirs}']"));
    }

    [Fact]
    public async Task ARemovedMember_IsRefusedAddingANote_AndKeepsTheText()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);
        await Fixture.RemoveMemberAsync(acme, rep);

        await tab.Find("textarea[data-testid=note-draft]").ChangeAsync(new ChangeEventArgs { Value = "Sneaky." });
        await tab.Button("Add note").ClickAsync();

        Assert.Equal(["You are no longer a member of this workspace."], context.Snackbars());
        Assert.Equal("Sneaky.", tab.Find("textarea[data-testid=note-draft]").TextContent);
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.LeadId == lead)));
    }

    [Fact]
    public async Task DeletingANote_AsksFirst_CancelKeepsIt_AndConfirmingDeletesIt()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var note = await NoteAsync(acme, lead, rep, "Short-lived.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<NotesTab>(lead);

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-note-id='{note}'] button[data-action=delete]"), dialogs, "Cancel");
        Assert.Single(tab.FindAll($"li[data-note-id='{note}']"));
        Assert.Equal(1, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.Id == note)));

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-note-id='{note}'] button[data-action=delete]"), dialogs, "Delete");

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll(".ld-note")));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadNotes.CountAsync(n => n.Id == note)));
        Assert.Equal(["Note deleted."], context.Snackbars());
    }

    [Fact]
    public async Task ALeadInTheTrash_ShowsItsNotes_WithNothingToChangeThem()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await NoteAsync(acme, lead, rep, "Before the trash.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<NotesTab>(lead, readOnly: true);

        Assert.Equal("Before the trash.", tab.Find(".ld-note-body").TextContent);
        Assert.Empty(tab.FindAll("textarea"));
        Assert.Empty(tab.FindAll("button"));
    }

    [Fact]
    public async Task ANoteAddedElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var sam = await TestData.MemberAsync(Fixture, acme, "sam", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<NotesTab>(lead);
        await NoteAsync(acme, lead, sam, "Sam was here.");

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Equal("Sam was here.", tab.Find(".ld-note-body").TextContent));
        Assert.Equal("sam", tab.Find(".ld-note-meta strong").TextContent);
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound_AndShowsNothingOfIt()
    {
        var (acme, rep, _) = await LeadWithRepAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await NoteAsync(elsewhere, theirs, null, "Their secret.");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<NotesTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Their secret.", tab.Markup, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("textarea"));
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var lead = await TestData.LeadAsync(Fixture, acme, "Noted", ownerId: rep);
        return (acme, rep, lead);
    }

    private async Task<Guid> NoteAsync(WorkspaceSeed workspace, Guid lead, Guid? author, string body)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId, author, author is null ? WorkspaceRole.Admin : WorkspaceRole.SalesRep);
        return await scope.Get<NoteService>().AddAsync(lead, body);
    }
}
