using System.Globalization;
using System.Text.RegularExpressions;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.History;

/// <summary>A history row as people read it: labels instead of property names, names instead of ids.</summary>
public sealed record HistoryView(Guid Id, DateTime ChangedAt, string? ChangedBy, string Field, string? OldValue, string? NewValue);

public sealed partial class HistoryService(LeadDeskDbContext db, LeadAccess access)
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [LeadHistoryRecorder.CreatedField] = "Lead created",
        [LeadHistoryRecorder.DeletedField] = "In trash",
        [nameof(Lead.StageId)] = "Stage",
        [nameof(Lead.PipelineId)] = "Pipeline",
        [nameof(Lead.OwnerId)] = "Owner",
        [nameof(Lead.AccountId)] = "Account",
        [nameof(Lead.CustomFieldsJson)] = "Custom fields",
        [nameof(Lead.EstimatedValue)] = "Estimated value",
        [nameof(Lead.ValueFromProducts)] = "Value follows products",
        [nameof(Lead.IsQualified)] = "Qualified",
        [nameof(Lead.LastContactAt)] = "Last contact",
        [nameof(Lead.SlaDeadlineAt)] = "SLA deadline",
        [nameof(Lead.FirstResponseAt)] = "First response",
    };

    public async Task<IReadOnlyList<HistoryView>> ListAsync(Guid leadId, int limit = 500, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        var rows = await db.LeadHistory.AsNoTracking()
            .Where(h => h.LeadId == leadId)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Take(Math.Clamp(limit, 1, 5_000))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(rows, cancellationToken);
        return rows.Select(h => new HistoryView(
                h.Id,
                h.ChangedAt,
                h.ChangedById is { } by ? names.GetValueOrDefault(by) : null,
                LabelOf(h.Field),
                Display(h.OldValue, names),
                Display(h.NewValue, names)))
            .ToList();
    }

    /// <summary>"EstimatedValue" → "Estimated value"; known fields get their own label.</summary>
    public static string LabelOf(string field)
    {
        if (Labels.TryGetValue(field, out var label))
        {
            return label;
        }
        var words = PascalWords().Replace(field, " $1").Trim();
        return words.Length == 0 ? field : words[0] + words[1..].ToLowerInvariant();
    }

    private static string? Display(string? value, Dictionary<Guid, string> names)
    {
        if (value is null)
        {
            return null;
        }
        if (value is "true" or "false")
        {
            return value == "true" ? "Yes" : "No";
        }
        if (DateTime.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            return time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }
        return GuidPattern().Replace(value, m => Guid.TryParse(m.Value, out var id) && names.TryGetValue(id, out var name) ? name : m.Value);
    }

    // Users, stages, pipelines, roles, fields and products that the rows mention, looked up once.
    private async Task<Dictionary<Guid, string>> NamesAsync(List<LeadHistoryEntry> rows, CancellationToken cancellationToken)
    {
        var ids = rows
            .SelectMany(h => new[] { h.OldValue, h.NewValue, h.ChangedById?.ToString() })
            .Where(v => v is not null)
            .SelectMany(v => GuidPattern().Matches(v!).Select(m => Guid.Parse(m.Value)))
            .ToHashSet()
            .ToList();
        var names = new Dictionary<Guid, string>();
        if (ids.Count == 0)
        {
            return names;
        }
        void Add(IEnumerable<(Guid Id, string Name)> found)
        {
            foreach (var (id, name) in found)
            {
                names[id] = name;
            }
        }
        Add((await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.DisplayName)));
        Add((await db.Stages.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.Pipelines.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.TeamRoles.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.StageFields.Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.Label }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Label)));
        return names;
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex PascalWords();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
