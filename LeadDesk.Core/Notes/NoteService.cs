using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Notes;

public sealed record NoteView(Guid Id, string Body, Guid? AuthorId, string? AuthorName, DateTime CreatedAt, DateTime UpdatedAt, bool CanChange)
{
    public bool IsEdited => UpdatedAt > CreatedAt;
}

/// <summary>Notes on a lead: anyone who can see the lead adds them; authors edit and delete their own, admins any.</summary>
public sealed class NoteService(LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<NoteView>> ListAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        var notes = await (
                from n in db.LeadNotes.AsNoTracking()
                join u in db.Users on n.CreatedById equals u.Id into authors
                from u in authors.DefaultIfEmpty()
                where n.LeadId == leadId
                orderby n.CreatedAt descending
                select new { n.Id, n.Body, n.CreatedById, AuthorName = u.DisplayName, n.CreatedAt, n.UpdatedAt })
            .ToListAsync(cancellationToken);
        return notes.Select(n => new NoteView(n.Id, n.Body, n.CreatedById, n.AuthorName, n.CreatedAt, n.UpdatedAt, CanChange(n.CreatedById))).ToList();
    }

    public async Task<Guid> AddAsync(Guid leadId, string? body, CancellationToken cancellationToken = default)
    {
        var text = Checked(body);
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot add notes in this workspace."));
        await access.EnsureVisibleAsync(leadId, cancellationToken: cancellationToken);
        var note = new LeadNote(leadId, text);
        db.LeadNotes.Add(note);
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Note, "Note added", text, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return note.Id;
    }

    public async Task EditAsync(Guid leadId, Guid noteId, string? body, CancellationToken cancellationToken = default)
    {
        var text = Checked(body);
        var note = await FindOwnAsync(leadId, noteId, cancellationToken);
        note.Body = text;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(Guid leadId, Guid noteId, CancellationToken cancellationToken = default)
    {
        var note = await FindOwnAsync(leadId, noteId, cancellationToken);
        db.LeadNotes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
    }

    private bool CanChange(Guid? authorId) => authorId == actor.UserId || actor.Role == WorkspaceRole.Admin;

    private async Task<LeadNote> FindOwnAsync(Guid leadId, Guid noteId, CancellationToken cancellationToken)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot change notes in this workspace."));
        await access.EnsureVisibleAsync(leadId, cancellationToken: cancellationToken);
        var note = await db.LeadNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.LeadId == leadId, cancellationToken)
            ?? throw new NotFoundException(Missing.Note);
        return CanChange(note.CreatedById) ? note : throw new ForbiddenException(Messages.T("Only the note's author or an admin can change it."));
    }

    private static string Checked(string? body)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw Validation.Error("body", Messages.T("Write something in the note."));
        }
        return text.Length <= LeadNote.BodyMaxLength
            ? text
            : throw Validation.Error("body", Messages.T("A note can be at most {0:N0} characters.", LeadNote.BodyMaxLength));
    }
}
