using System.Text.Encodings.Web;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Audit;

/// <summary>
/// Records settings changes in the same save as the change itself. <paramref name="before"/> and <paramref name="after"/>
/// are the setting's fields as name → value; only the fields whose values differ are kept.
/// </summary>
public sealed class SettingsAudit(LeadDeskDbContext db, ICurrentActor actor, TimeProvider clock)
{
    // Names as typed ("Negociação → Fechado"), not \u escapes: the log is read by people, and pages encode what they show.
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

    private static string? Json(IReadOnlyDictionary<string, object?>? values, List<string> keys) =>
        values is null ? null : JsonSerializer.Serialize(keys.Where(values.ContainsKey).ToDictionary(key => key, key => values[key]), Readable);
}
