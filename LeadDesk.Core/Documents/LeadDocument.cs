using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Documents;

/// <summary>
/// A file attached to a lead. The bytes live in <see cref="DocumentStorage"/>, outside the web root. Deleting one moves
/// it to the trash with its file; the trash purge deletes both after the workspace's retention.
/// </summary>
public class LeadDocument : SoftDeletableEntity, ILeadPart
{
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 127;
    public const long MaxSizeBytes = 10 * 1024 * 1024;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long SizeBytes { get; private set; }

    public LeadDocument(Guid leadId, string fileName, string contentType)
    {
        LeadId = leadId;
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>Records the size once the bytes are on disk.</summary>
    public void Stored(long sizeBytes) => SizeBytes = sizeBytes;

    public string HistoryLabel => "Document";
    public string HistorySummary => FileName;
}
