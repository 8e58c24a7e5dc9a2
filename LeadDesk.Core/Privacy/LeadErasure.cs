using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Privacy;

/// <summary>
/// The record that a person was erased (a data-subject request): which lead, when, and by whom. It holds nothing about
/// the person: that is what was erased.
/// </summary>
public class LeadErasure : WorkspaceRow
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public DateTime ErasedAt { get; private set; }
    /// <summary>The admin who erased the person; null when an API token did.</summary>
    public Guid? ErasedById { get; private set; }
    public Guid? ErasedByTokenId { get; private set; }
    /// <summary>How many texts outside the lead (other leads' notes, activities, history) had the person's values blanked.</summary>
    public int MentionsErased { get; private set; }

    public LeadErasure(Guid leadId, DateTime erasedAt, Guid? erasedById, Guid? erasedByTokenId, int mentionsErased)
    {
        LeadId = leadId;
        ErasedAt = erasedAt;
        ErasedById = erasedById;
        ErasedByTokenId = erasedByTokenId;
        MentionsErased = mentionsErased;
    }
}
