using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Trash;

/// <summary>
/// Deletes leads for good, in the caller's write transaction: their notes, activities, history, stage values, team,
/// product lines and documents go with them (the database's cascades), and so do the webhook deliveries that carry them;
/// their document files are queued and deleted after the commit (<see cref="DocumentFiles"/>).
/// </summary>
public sealed class LeadRemoval(LeadDeskDbContext db, DocumentFiles files)
{
    public async Task<int> RemoveAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        await files.QueueAsync(d => leadIds.Contains(d.LeadId), cancellationToken);
        await db.WebhookDeliveries.Where(d => d.LeadId != null && leadIds.Contains(d.LeadId.Value)).ExecuteDeleteAsync(cancellationToken);
        return await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(l => leadIds.Contains(l.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
