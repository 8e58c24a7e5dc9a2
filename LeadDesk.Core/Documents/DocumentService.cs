using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Documents;

public sealed record DocumentView(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt, string? UploadedBy);

public sealed record DocumentDownload(string FileName, string ContentType, Stream Content);

/// <summary>Files attached to a lead: up to 10 MB each, stored outside the web root, served as attachments.</summary>
public sealed class DocumentService(LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, DocumentStorage storage, TimeProvider clock)
{
    public async Task<IReadOnlyList<DocumentView>> ListAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        return await (
                from d in db.LeadDocuments.AsNoTracking()
                join u in db.Users on d.CreatedById equals u.Id into uploaders
                from u in uploaders.DefaultIfEmpty()
                where d.LeadId == leadId
                orderby d.CreatedAt descending
                select new DocumentView(d.Id, d.FileName, d.ContentType, d.SizeBytes, d.CreatedAt, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<Guid> UploadAsync(Guid leadId, string? fileName, string? contentType, Stream content, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot add documents in this workspace."));
        await access.EnsureVisibleAsync(leadId, cancellationToken: cancellationToken);
        var workspaceId = actor.WorkspaceId ?? throw new InvalidOperationException("No current workspace.");
        var name = SafeFileName(fileName);
        var type = string.IsNullOrWhiteSpace(contentType) || contentType.Length > LeadDocument.ContentTypeMaxLength
            ? "application/octet-stream"
            : contentType.Trim();

        var document = new LeadDocument(leadId, name, type);
        var size = await storage.SaveAsync(workspaceId, document.Id, content, LeadDocument.MaxSizeBytes, cancellationToken);
        if (size < 0)
        {
            throw Validation.Error("file", Messages.T("{0} is larger than {1} MB.", name, LeadDocument.MaxSizeBytes / (1024 * 1024)));
        }
        if (size == 0)
        {
            storage.Delete(workspaceId, document.Id);
            throw Validation.Error("file", Messages.T("{0} is empty.", name));
        }
        document.Stored(size);
        try
        {
            db.LeadDocuments.Add(document);
            db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Document, $"Uploaded {name}", null, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            storage.Delete(workspaceId, document.Id);
            throw;
        }
        return document.Id;
    }

    public async Task<DocumentDownload> OpenAsync(Guid leadId, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await FindAsync(leadId, documentId, includeDeleted: true, cancellationToken);
        try
        {
            return new DocumentDownload(document.FileName, document.ContentType, storage.Open(document.WorkspaceId, document.Id));
        }
        catch (FileNotFoundException)
        {
            throw new NotFoundException(Missing.DocumentFile);
        }
        catch (DirectoryNotFoundException)
        {
            throw new NotFoundException(Missing.DocumentFile);
        }
    }

    /// <summary>Moves the document to the trash; its file stays on disk until the trash purge deletes both.</summary>
    public async Task DeleteAsync(Guid leadId, Guid documentId, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot remove documents in this workspace."));
        var document = await FindAsync(leadId, documentId, includeDeleted: false, cancellationToken);
        db.LeadDocuments.Remove(document); // the auditing interceptor turns this into a soft delete
        db.LeadActivities.Add(new LeadActivity(leadId, ActivityType.Document, $"Removed {document.FileName}", null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<LeadDocument> FindAsync(Guid leadId, Guid documentId, bool includeDeleted, CancellationToken cancellationToken)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted, cancellationToken);
        return await db.LeadDocuments.FirstOrDefaultAsync(d => d.Id == documentId && d.LeadId == leadId, cancellationToken)
            ?? throw new NotFoundException(Missing.Document);
    }

    /// <summary>The last path segment, without control characters, at most 255 characters, never empty.</summary>
    public static string SafeFileName(string? fileName)
    {
        var last = (fileName ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string(last.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            return "document";
        }
        if (clean.Length <= LeadDocument.FileNameMaxLength)
        {
            return clean;
        }
        var extension = Path.GetExtension(clean);
        extension = extension.Length > 16 ? "" : extension;
        return clean[..(LeadDocument.FileNameMaxLength - extension.Length)] + extension;
    }
}
