using System.Text.Encodings.Web;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Audit;

/// <summary>A settings change as the audit page lists it; <see cref="ChangedBy"/> is a person's name or "API token …".</summary>
public sealed record SettingsChangeView(Guid Id, DateTime ChangedAt, string? ChangedBy, string Area, string Action, string Subject, string? Before, string? After);

/// <summary>Which changes the audit page shows: of one area, by one person, between two days (inclusive, UTC), up to a time.</summary>
public sealed record SettingsChangeFilter
{
    public string? Area { get; init; }
    public Guid? ChangedById { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>
    /// Only changes made at this time or earlier: the time of the last change of the page before. Inclusive, so that changes
    /// saved in the same instant are never skipped; the caller leaves out the ones it already shows.
    /// </summary>
    public DateTime? Until { get; init; }
    public int Limit { get; init; } = 100;
}

/// <summary>
/// Records settings changes in the same save as the change itself. <paramref name="before"/> and <paramref name="after"/>
/// are the setting's fields as name → value; only the fields whose values differ are kept.
/// </summary>
public sealed class SettingsAudit(LeadDeskDbContext db, ICurrentActor actor, TimeProvider clock)
{
    // Names as typed ("Negociação"), not \u escapes: the log is read by people, and pages encode what they show.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Record(string area, string action, Guid? subjectId, string subject,
        IReadOnlyDictionary<string, object?>? before = null, IReadOnlyDictionary<string, object?>? after = null)
    {
        var changed = (before?.Keys ?? []).Union(after?.Keys ?? [])
            .Where(key => !Equals(before?.GetValueOrDefault(key), after?.GetValueOrDefault(key)))
            .ToList();
        if (before is not null && after is not null && changed.Count == 0)
        {
            return; // saved as it was: nothing changed
        }
        db.SettingsChanges.Add(new SettingsChange(clock.GetUtcNow().UtcDateTime, actor.UserId, actor.TokenId, area, action, subjectId, subject,
            Json(before, changed), Json(after, changed)));
    }

    /// <summary>The workspace's settings changes, newest first, as <paramref name="filter"/> narrows them. Admins only.</summary>
    public async Task<IReadOnlyList<SettingsChangeView>> ListAsync(SettingsChangeFilter filter, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin, Messages.T("Only admins can see the settings log."));
        var changes = db.SettingsChanges.AsNoTracking();
        if (filter.Area is { } area)
        {
            changes = changes.Where(c => c.Area == area);
        }
        if (filter.ChangedById is { } by)
        {
            changes = changes.Where(c => c.ChangedById == by);
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            changes = changes.Where(c => c.ChangedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            changes = changes.Where(c => c.ChangedAt < end);
        }
        if (filter.Until is { } until)
        {
            changes = changes.Where(c => c.ChangedAt <= until);
        }
        return await (
                from c in changes
                join u in db.Users on c.ChangedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                join t in db.ApiTokens on c.ChangedByTokenId equals t.Id into tokens
                from t in tokens.DefaultIfEmpty()
                orderby c.ChangedAt descending, c.Id descending
                select new SettingsChangeView(c.Id, c.ChangedAt, u != null ? u.DisplayName : t != null ? "API token " + t.Name : null,
                    c.Area, c.Action, c.Subject, c.Before, c.After))
            .Take(Math.Clamp(filter.Limit, 1, 500))
            .ToListAsync(cancellationToken);
    }

    private static string? Json(IReadOnlyDictionary<string, object?>? values, List<string> keys) =>
        values is null ? null : JsonSerializer.Serialize(keys.Where(values.ContainsKey).ToDictionary(key => key, key => values[key]), Readable);
}
