using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Trash;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Privacy;

/// <summary>An erasure as the settings page lists it; <see cref="ErasedBy"/> is a person's name or "API token …".</summary>
public sealed record ErasureView(Guid Id, Guid LeadId, DateTime ErasedAt, string? ErasedBy, int MentionsErased);

/// <summary>
/// What an erasure did. <see cref="SameContactLeadIds"/> are other leads with the person's email or phone: perhaps the same
/// person, perhaps not, so they are left for an admin to look at (and erase too).
/// </summary>
public sealed record ErasureResult(Guid ErasureId, DateTime ErasedAt, int MentionsErased, IReadOnlyList<Guid> SameContactLeadIds);

/// <summary>
/// "Erase this person" (a data-subject request), for admins: the lead, in the trash or not, with all its parts and files;
/// the webhook deliveries and idempotency answers that carry it; and the person's email, phone and name wherever they
/// were written into other leads' notes, activities, history, stage fields and webhook payloads. Those texts are searched
/// before the write transaction (<see cref="PersonMentions"/>), so the writer is held only for the rewrites and deletes;
/// one transaction, logged as a <see cref="LeadErasure"/> that holds nothing about the person; files go after it commits.
/// </summary>
public sealed class LeadErasureService(LeadDeskDbContext db, ICurrentActor actor, LeadRemoval removal, DocumentFiles files, TimeProvider clock)
{
    /// <summary>What a value of the person becomes where it was found outside the lead.</summary>
    public const string Erased = "[erased]";

    /// <param name="confirmation">What the admin typed to confirm (the lead's name or email); API callers, who name the lead by id, pass null.</param>
    public async Task<ErasureResult> EraseAsync(Guid leadId, string? confirmation = null, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin, Messages.T("Only admins can erase a person."));
        var mentions = new PersonMentions(db);
        // First, outside the write transaction (a reader holds up no writer): who the person is, and which texts of other
        // leads mention them.
        var person = await mentions.PersonAsync(await FindAsync(leadId, confirmation, cancellationToken), cancellationToken);
        var scan = await mentions.FindAsync(person, clock.GetUtcNow().UtcDateTime, cancellationToken);
        ErasureResult result;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            await LockAsync(leadId, cancellationToken);
            var lead = await FindAsync(leadId, confirmation, cancellationToken);
            var current = await mentions.PersonAsync(lead, cancellationToken);
            // Should the lead's own email, phone or name have changed meanwhile, the scan looked for the wrong values: look again at every text.
            var erased = await mentions.EraseAsync(current, current.HasSameValuesAs(person) ? scan : null, cancellationToken);
            await ForgetAnswersAsync(lead, cancellationToken);
            await removal.RemoveAsync([lead.Id], cancellationToken);
            var erasure = new LeadErasure(lead.Id, clock.GetUtcNow().UtcDateTime, actor.UserId, actor.TokenId, erased);
            db.LeadErasures.Add(erasure);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var sameContact = current.Values.Where(v => v.Value == lead.Email || v.Value == lead.Phone).SelectMany(v => v.Holders).Distinct().ToList();
            result = new ErasureResult(erasure.Id, erasure.ErasedAt, erased, sameContact);
        }
        try
        {
            await files.DeleteQueuedAsync(cancellationToken);
        }
        catch (DatabaseBusyException)
        {
            // The erasure is committed; its files stay queued and the next trash purge deletes them.
        }
        return result;
    }

    /// <summary>The workspace's erasures, newest first.</summary>
    public async Task<IReadOnlyList<ErasureView>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin, Messages.T("Only admins can see the erasure log."));
        return await (
                from e in db.LeadErasures.AsNoTracking()
                join u in db.Users on e.ErasedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                join t in db.ApiTokens on e.ErasedByTokenId equals t.Id into tokens
                from t in tokens.DefaultIfEmpty()
                orderby e.ErasedAt descending, e.Id descending
                select new ErasureView(e.Id, e.LeadId, e.ErasedAt, u != null ? u.DisplayName : t != null ? "API token " + t.Name : null, e.MentionsErased))
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The lead, in the trash or not; 404 when this workspace has none with that id.</summary>
    private async Task<Lead> FindAsync(Guid leadId, string? confirmation, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
            .FirstOrDefaultAsync(l => l.Id == leadId, cancellationToken) ?? throw new NotFoundException(Missing.Lead);
        var typed = confirmation?.Trim();
        if (typed is not null && (typed.Length == 0
            || !(string.Equals(typed, lead.FullName, StringComparison.OrdinalIgnoreCase) || string.Equals(typed, lead.Email, StringComparison.OrdinalIgnoreCase))))
        {
            throw Validation.Error("confirmation", Messages.T("Type the lead's name or email exactly as shown to confirm."));
        }
        return lead;
    }

    // On PostgreSQL a part added to the lead meanwhile (a document upload) could slip in between the document list read
    // by the removal and the delete, and its file would be left behind. Locking the lead row makes such a write wait, then
    // fail, as SQLite's single writer does.
    private async Task LockAsync(Guid leadId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Leads" WHERE "Id" = {leadId} FOR UPDATE""", cancellationToken);
        }
    }

    // Idempotency records keep the API's answer, which carries the lead (its id, email, phone) for a day. JSON writes
    // "+" as \u002B, so a phone is looked for by its digits.
    private async Task ForgetAnswersAsync(Lead lead, CancellationToken cancellationToken)
    {
        var carried = new[] { lead.Id.ToString(), lead.Email, lead.Phone?.TrimStart('+') }.OfType<string>().Where(v => v.Length > 0).ToList();
        await db.IdempotencyRecords
            .Where(r => r.ResponseBody != null && carried.Any(v => r.ResponseBody.Contains(v)))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
