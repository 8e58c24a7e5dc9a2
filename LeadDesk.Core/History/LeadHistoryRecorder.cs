using System.Globalization;
using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LeadDesk.Core.History;

/// <summary>
/// Turns the change tracker's view of leads and their parts into history rows, so every entry point
/// (pages, API, imports, jobs) leaves the same audit trail without writing it by hand.
/// </summary>
internal static class LeadHistoryRecorder
{
    public const string CreatedField = "Created";
    public const string DeletedField = nameof(Lead.IsDeleted);

    // Bookkeeping that changes on every save, or is shown through another field.
    private static readonly HashSet<string> Unaudited =
    [
        nameof(Lead.Id), nameof(Lead.WorkspaceId), nameof(Lead.Version), nameof(Lead.SearchText),
        nameof(Lead.CreatedAt), nameof(Lead.CreatedById), nameof(Lead.UpdatedAt), nameof(Lead.UpdatedById),
        nameof(Lead.DeletedAt), nameof(Lead.DeletedById), nameof(Lead.ScoreIsManual),
    ];

    public static void Record(DbContext context, DateTime now, Guid? actorId)
    {
        var rows = new List<LeadHistoryEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            switch (entry.Entity)
            {
                case Lead lead:
                    RecordLead(entry, lead, rows, now, actorId);
                    break;
                case ILeadPart part:
                    RecordPart(entry, part, rows, now, actorId);
                    break;
            }
        }
        context.AddRange(rows);
    }

    /// <summary>A value as history stores it: invariant, round-trippable text.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        // Amounts come back from the database with its scale (SQLite "1500.0", PostgreSQL "1500.00"): one spelling for both.
        decimal amount => amount.ToString("0.00##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void RecordLead(EntityEntry entry, Lead lead, List<LeadHistoryEntry> rows, DateTime now, Guid? actorId)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                rows.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, CreatedField, null, lead.FullName, now, actorId));
                break;
            case EntityState.Deleted:
                rows.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, DeletedField, Format(false), Format(true), now, actorId));
                break;
            case EntityState.Modified:
                foreach (var property in entry.Properties.Where(p => p.IsModified && !Unaudited.Contains(p.Metadata.Name)))
                {
                    var before = Format(property.OriginalValue);
                    var after = Format(property.CurrentValue);
                    if (before != after)
                    {
                        rows.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, property.Metadata.Name, before, after, now, actorId));
                    }
                }
                break;
        }
    }

    private static void RecordPart(EntityEntry entry, ILeadPart part, List<LeadHistoryEntry> rows, DateTime now, Guid? actorId)
    {
        var workspaceId = (Guid)entry.Property(nameof(Lead.WorkspaceId)).CurrentValue!;
        switch (entry.State)
        {
            case EntityState.Added:
                rows.Add(new LeadHistoryEntry(workspaceId, part.LeadId, part.HistoryLabel, null, part.HistorySummary, now, actorId));
                break;
            case EntityState.Deleted:
                rows.Add(new LeadHistoryEntry(workspaceId, part.LeadId, part.HistoryLabel, part.HistorySummary, null, now, actorId));
                break;
            case EntityState.Modified:
                var before = ((ILeadPart)entry.OriginalValues.ToObject()).HistorySummary;
                if (before != part.HistorySummary)
                {
                    rows.Add(new LeadHistoryEntry(workspaceId, part.LeadId, part.HistoryLabel, before, part.HistorySummary, now, actorId));
                }
                break;
        }
    }
}
