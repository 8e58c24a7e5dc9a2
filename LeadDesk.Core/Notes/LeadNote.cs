using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Notes;

/// <summary>A note on a lead. Deleting one moves it to the trash, which is purged after the workspace's retention.</summary>
public class LeadNote : IWorkspaceOwned, IAuditable, ISoftDeletable, ILeadPart
{
    public const int BodyMaxLength = 10_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid LeadId { get; private set; }
    public string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The author.</summary>
    public Guid? CreatedById { get; set; }
    public Guid? UpdatedById { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }

    public LeadNote(Guid leadId, string body)
    {
        LeadId = leadId;
        Body = body;
    }

    public string HistoryLabel => "Note";
    public string HistorySummary => Body;
}
