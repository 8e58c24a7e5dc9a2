using System.Text.RegularExpressions;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Privacy;

/// <summary>A person's identifying values, each with the other leads that hold it themselves (and keep it in their own texts).</summary>
internal sealed record Person(Guid LeadId, IReadOnlyList<(string Value, HashSet<Guid> Holders)> Values)
{
    public IReadOnlyList<string> Lowered { get; } = [.. Values.Select(v => v.Value.ToLowerInvariant())];

    public bool HasSameValuesAs(Person other) => Values.Select(v => v.Value).SequenceEqual(other.Values.Select(v => v.Value));

    /// <summary>The text with each value the lead <paramref name="leadId"/> does not hold itself replaced.</summary>
    public string Erase(string text, Guid? leadId) =>
        Values.Where(v => leadId is not { } id || !v.Holders.Contains(id))
            .Aggregate(text, (current, v) => Regex.Replace(current, $@"(?<!\w){Regex.Escape(v.Value)}(?!\w)", LeadErasureService.Erased,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}

/// <summary>
/// Where a person's values may have been written outside their own lead: other leads' notes, activities, history, stage
/// field values, and webhook payloads (which copy a lead as it was). An erasure looks in two steps: <see cref="FindAsync"/>
/// reads every text before the write transaction, where a slow scan holds up no writer; <see cref="EraseAsync"/>, inside
/// it, rewrites what was found and whatever was written since.
/// </summary>
internal sealed class PersonMentions(LeadDeskDbContext db)
{
    // A write stamps its time before it commits, and may wait for the writer in between: texts stamped up to this long
    // before the scan began are looked at again inside the transaction.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    /// <summary>What <see cref="FindAsync"/> found, per text column, and since when texts are looked at again.</summary>
    public sealed record Scan(DateTime Since, IReadOnlyList<List<Guid>> Found);

    private IReadOnlyList<ITextColumn> Columns =>
    [
        new TextColumn<LeadNote>(db, db.LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]), nameof(LeadNote.Body), nameof(LeadNote.UpdatedAt)),
        new TextColumn<LeadActivity>(db, db.LeadActivities, nameof(LeadActivity.Title), nameof(LeadActivity.UpdatedAt)),
        new TextColumn<LeadActivity>(db, db.LeadActivities, nameof(LeadActivity.Details), nameof(LeadActivity.UpdatedAt)),
        new TextColumn<LeadHistoryEntry>(db, db.LeadHistory, nameof(LeadHistoryEntry.OldValue), nameof(LeadHistoryEntry.ChangedAt)),
        new TextColumn<LeadHistoryEntry>(db, db.LeadHistory, nameof(LeadHistoryEntry.NewValue), nameof(LeadHistoryEntry.ChangedAt)),
        new TextColumn<LeadStageValue>(db, db.LeadStageValues, nameof(LeadStageValue.Value), nameof(LeadStageValue.UpdatedAt)),
        new TextColumn<WebhookDelivery>(db, db.WebhookDeliveries, nameof(WebhookDelivery.Payload), nameof(WebhookDelivery.CreatedAt)),
    ];

    /// <summary>The lead's email, phone and full name, and the other leads that hold each.</summary>
    public async Task<Person> PersonAsync(Lead lead, CancellationToken cancellationToken)
    {
        var others = db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking().Where(l => l.Id != lead.Id);
        var values = new List<(string Value, HashSet<Guid> Holders)>();
        if (lead.Email is { Length: > 0 } email)
        {
            values.Add((email, (await others.Where(l => l.Email == email).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet()));
        }
        if (lead.Phone is { Length: > 0 } phone)
        {
            values.Add((phone, (await others.Where(l => l.Phone == phone).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet()));
        }
        // A first name alone names too many people to be blanked in other leads' texts; a full name is specific enough.
        if (lead.FirstName.Length > 0 && lead.LastName.Length > 0)
        {
            var namesakes = others.Where(l => l.LastName == lead.LastName && l.FirstName == lead.FirstName);
            values.Add((lead.FullName, (await namesakes.Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet()));
        }
        return new Person(lead.Id, values);
    }

    public async Task<Scan> FindAsync(Person person, DateTime startedAt, CancellationToken cancellationToken)
    {
        var found = new List<List<Guid>>();
        foreach (var texts in Columns)
        {
            found.Add(person.Values.Count == 0 ? [] : await texts.FindAsync(person, cancellationToken));
        }
        return new Scan(startedAt - Overlap, found);
    }

    /// <summary>Rewrites the texts <paramref name="scan"/> found, and those written since (every text when it is null); returns how many changed.</summary>
    public async Task<int> EraseAsync(Person person, Scan? scan, CancellationToken cancellationToken)
    {
        if (person.Values.Count == 0)
        {
            return 0;
        }
        var changed = 0;
        foreach (var (texts, index) in Columns.Select((t, i) => (t, i)))
        {
            changed += await texts.EraseAsync(person, scan?.Found[index], scan?.Since, cancellationToken);
        }
        return changed;
    }

    private interface ITextColumn
    {
        Task<List<Guid>> FindAsync(Person person, CancellationToken cancellationToken);

        Task<int> EraseAsync(Person person, List<Guid>? found, DateTime? since, CancellationToken cancellationToken);
    }

    /// <summary>A text column of a lead part; <paramref name="writtenAt"/> is the column that a write of the text moves.</summary>
    private sealed class TextColumn<T>(LeadDeskDbContext db, IQueryable<T> rows, string column, string writtenAt) : ITextColumn where T : class
    {
        public Task<List<Guid>> FindAsync(Person person, CancellationToken cancellationToken) =>
            Mentioning(rows, person).Select(r => EF.Property<Guid>(r, "Id")).ToListAsync(cancellationToken);

        // Each text is rewritten on its own, without history (which would copy the old text) or a change to its audit columns.
        public async Task<int> EraseAsync(Person person, List<Guid>? found, DateTime? since, CancellationToken cancellationToken)
        {
            // The cheap test first: only the texts found, or written since, are searched again.
            var scope = found is null || since is not { } time
                ? rows
                : rows.Where(r => found.Contains(EF.Property<Guid>(r, "Id")) || EF.Property<DateTime>(r, writtenAt) >= time);
            var texts = await Mentioning(scope, person)
                .Select(r => new { Id = EF.Property<Guid>(r, "Id"), LeadId = EF.Property<Guid?>(r, "LeadId"), Text = EF.Property<string>(r, column) })
                .ToListAsync(cancellationToken);
            var maxLength = db.Model.FindEntityType(typeof(T))!.FindProperty(column)!.GetMaxLength() ?? int.MaxValue;
            var changed = 0;
            foreach (var row in texts)
            {
                var text = person.Erase(row.Text, row.LeadId);
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

        private IQueryable<T> Mentioning(IQueryable<T> source, Person person)
        {
            var lowered = person.Lowered;
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), not .NET's culture-aware lowering
            return source.Where(r => EF.Property<Guid?>(r, "LeadId") != person.LeadId && lowered.Any(v => EF.Property<string>(r, column).ToLower().Contains(v)));
#pragma warning restore CA1304, CA1311, CA1862
        }
    }
}
