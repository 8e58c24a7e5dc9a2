using LeadDesk.Core.Leads;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>Leads made by tests in the state a test needs, through the entity's own behaviour.</summary>
public static class LeadOutcomes
{
    public static void SetOutcome(this Lead lead, LeadStatus status, DateTime? at = null)
    {
        var when = at ?? DateTime.UtcNow;
        switch (status)
        {
            case LeadStatus.Disqualified:
                lead.Disqualify(DisqualificationReasons.Other, null, when);
                break;
            case LeadStatus.Converted:
                lead.Convert(when);
                break;
            default:
                lead.Reopen();
                break;
        }
    }

    /// <summary>A lead saved straight into the trash, deleted at <paramref name="deletedAt"/> (now by default).</summary>
    public static void Trash(this Lead lead, DateTime? deletedAt = null) => lead.MarkDeleted(deletedAt ?? DateTime.UtcNow, null);
}
