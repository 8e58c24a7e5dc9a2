namespace LeadDesk.Core.Leads;

/// <summary>
/// A row that belongs to one lead (note, product line, team member, document). Adding, changing or
/// removing one writes the lead's history, described by these members.
/// </summary>
public interface ILeadPart
{
    Guid LeadId { get; }

    /// <summary>What the history calls it: "Note", "Product", "Team member", "Document".</summary>
    string HistoryLabel { get; }

    /// <summary>The part in one line. Ids of users, stages, roles and products inside it are shown as names.</summary>
    string HistorySummary { get; }
}
