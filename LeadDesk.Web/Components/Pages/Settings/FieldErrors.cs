using LeadDesk.Web.Components.Shared;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>
/// A form's refusal by field, as the Core service's validator put it, for the Mud inputs' error texts. A field's message
/// goes when its value changes, so the next refusal of the same field shows again.
/// </summary>
public sealed class FieldErrors
{
    private IDictionary<string, string[]> _byField = new Dictionary<string, string[]>();

    public bool Any => _byField.Count > 0;

    public string? this[string field] => _byField.TryGetValue(field, out var messages) ? messages.FirstOrDefault() : null;

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Show(Exception refusal) => _byField = UserProblem.ByField(refusal);

    /// <summary>The messages about anything but <paramref name="shown"/> (a refusal of the whole change): said above the form.</summary>
    public IEnumerable<string> Except(params string[] shown) =>
        _byField.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value);

    public void Clear(string field) => _byField.Remove(field);

    public void ClearAll() => _byField = new Dictionary<string, string[]>();
}
