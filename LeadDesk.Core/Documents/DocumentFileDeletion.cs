using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Documents;

/// <summary>
/// A document file waiting to be deleted from disk. It is written in the transaction that deletes the document's row
/// and removed once the file is gone (<see cref="DocumentFiles"/>), so a crash after that commit, or a file that cannot
/// be deleted, leaves it here and the next trash purge deletes the file.
/// </summary>
public class DocumentFileDeletion : WorkspaceRow
{
    public Guid DocumentId { get; private set; }
    public DateTime QueuedAt { get; private set; }

    public DocumentFileDeletion(Guid documentId, DateTime queuedAt)
    {
        DocumentId = documentId;
        QueuedAt = queuedAt;
    }
}
