using System.Text.RegularExpressions;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Trash;
using LeadDesk.Core.Webhooks;
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
/// were written into other leads' notes, activities, history, stage fields and webhook payloads. One write transaction, logged as a
/// <see cref="LeadErasure"/> that holds nothing about the person; files are deleted after it commits.
/// </summary>
public sealed class LeadErasureService(LeadDeskDbContext db, ICurrentActor actor, LeadRemoval removal, DocumentFiles files, TimeProvider clock)
{
    /// <summary>What a value of the person becomes where it was found outside the lead.</summary>
    public const string Erased = "[erased]";

    /// <param name="confirmation">What the admin typed to confirm (the lead's name or email); API callers, who name the lead by id, pass null.</param>
    public async Task<ErasureResult> EraseAsync(Guid leadId, string? confirmation = null, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        ErasureResult result;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            await LockAsync(leadId, cancellationToken);
            var lead = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
                .FirstOrDefaultAsync(l => l.Id == leadId, cancellationToken) ?? throw new NotFoundException("Lead");
            if (confirmation is not null && !Confirms(lead, confirmation))
            {
                throw Validation.Error("confirmation", "Type the lead's name or email exactly as shown to confirm.");
            }
            var person = await PersonAsync(lead, cancellationToken);
            var mentions = await EraseMentionsAsync(person, cancellationToken);
            await ForgetAnswersAsync(lead, cancellationToken);
            await removal.RemoveAsync([lead.Id], cancellationToken);
            var erasure = new LeadErasure(lead.Id, clock.GetUtcNow().UtcDateTime, actor.UserId, actor.TokenId, mentions);
            db.LeadErasures.Add(erasure);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = new ErasureResult(erasure.Id, erasure.ErasedAt, mentions, person.SameContact);
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
        RequireAdmin();
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

    private void RequireAdmin()
    {
        if (!actor.Can(Permissions.SettingsAdmin))
        {
            throw new ForbiddenException("Only admins can erase a person.");
        }
    }

    private static bool Confirms(Lead lead, string typed)
    {
        var text = typed.Trim();
        return text.Length > 0 && (string.Equals(text, lead.FullName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, lead.Email, StringComparison.OrdinalIgnoreCase));
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

    /// <summary>The person's identifying values, each with the other leads that hold it themselves (and keep it).</summary>
    private sealed record Person(Guid LeadId, IReadOnlyList<(string Value, HashSet<Guid> Holders)> Values, IReadOnlyList<Guid> SameContact);

    private async Task<Person> PersonAsync(Lead lead, CancellationToken cancellationToken)
    {
        var others = db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking().Where(l => l.Id != lead.Id);
        var values = new List<(string Value, HashSet<Guid> Holders)>();
        var sameContact = new HashSet<Guid>();
        if (lead.Email is { Length: > 0 } email)
        {
            var holders = (await others.Where(l => l.Email == email).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
            values.Add((email, holders));
            sameContact.UnionWith(holders);
        }
        if (lead.Phone is { Length: > 0 } phone)
        {
            var holders = (await others.Where(l => l.Phone == phone).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
            values.Add((phone, holders));
            sameContact.UnionWith(holders);
        }
        // A first name alone names too many people to be blanked in other leads' texts; a full name is specific enough.
        if (lead.FirstName.Length > 0 && lead.LastName.Length > 0)
        {
            // The lower-cased search text starts with "first last" (then a space and the email, company and phone).
            var name = $"{lead.FirstName} {lead.LastName}".ToLowerInvariant();
            var holders = await others.Where(l => l.SearchText == name || l.SearchText.StartsWith(name + " ")).Select(l => l.Id).ToListAsync(cancellationToken);
            values.Add((lead.FullName, holders.ToHashSet()));
        }
        return new Person(lead.Id, values, [.. sameContact]);
    }

    /// <summary>
    /// Blanks the person's values in other leads' texts (and in their webhook payloads, which copy the lead as it was);
    /// returns how many texts changed.
    /// </summary>
    private async Task<int> EraseMentionsAsync(Person person, CancellationToken cancellationToken)
    {
        if (person.Values.Count == 0)
        {
            return 0;
        }
        return await EraseMentionsAsync(db.LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]), nameof(LeadNote.Body), person, cancellationToken)
            + await EraseMentionsAsync(db.LeadActivities, nameof(LeadActivity.Title), person, cancellationToken)
            + await EraseMentionsAsync(db.LeadActivities, nameof(LeadActivity.Details), person, cancellationToken)
            + await EraseMentionsAsync(db.LeadHistory, nameof(LeadHistoryEntry.OldValue), person, cancellationToken)
            + await EraseMentionsAsync(db.LeadHistory, nameof(LeadHistoryEntry.NewValue), person, cancellationToken)
            + await EraseMentionsAsync(db.LeadStageValues, nameof(LeadStageValue.Value), person, cancellationToken)
            + await EraseMentionsAsync(db.WebhookDeliveries, nameof(WebhookDelivery.Payload), person, cancellationToken);
    }

    // Set-based SQL finds the texts that contain a value; each is rewritten on its own, without history (which would copy
    // the old text) and without touching the row's audit columns.
    private async Task<int> EraseMentionsAsync<T>(IQueryable<T> rows, string column, Person person, CancellationToken cancellationToken) where T : class
    {
        var lowered = person.Values.Select(v => v.Value.ToLowerInvariant()).ToList();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), not .NET's culture-aware lowering
        var found = await rows
            .Where(r => EF.Property<Guid?>(r, "LeadId") != person.LeadId && lowered.Any(v => EF.Property<string>(r, column).ToLower().Contains(v)))
            .Select(r => new { Id = EF.Property<Guid>(r, "Id"), LeadId = EF.Property<Guid?>(r, "LeadId"), Text = EF.Property<string>(r, column) })
            .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        var maxLength = db.Model.FindEntityType(typeof(T))!.FindProperty(column)!.GetMaxLength() ?? int.MaxValue;
        var changed = 0;
        foreach (var row in found)
        {
            var text = person.Values.Where(v => row.LeadId is not { } leadId || !v.Holders.Contains(leadId))
                .Aggregate(row.Text, (current, v) => Regex.Replace(current, $@"(?<!\w){Regex.Escape(v.Value)}(?!\w)", Erased,
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (text == row.Text)
            {
                continue;
            }
            text = text.Length <= maxLength ? text : text[..maxLength];
            await rows.Where(r => EF.Property<Guid>(r, "Id") == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<string>(r, column), text), cancellationToken);
            changed++;
        }
        return changed;
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
