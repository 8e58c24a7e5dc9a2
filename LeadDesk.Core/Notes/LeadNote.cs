using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Notes;

/// <summary>A note on a lead. Deleting one moves it to the trash, which is purged after the workspace's retention.</summary>
public class LeadNote : SoftDeletableEntity, ILeadPart
{
    public const int BodyMaxLength = 10_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public string Body { get; set; }

    public LeadNote(Guid leadId, string body)
    {
        LeadId = leadId;
        Body = body;
    }

    public string HistoryLabel => "Note";
    public string HistorySummary => Body;
}
