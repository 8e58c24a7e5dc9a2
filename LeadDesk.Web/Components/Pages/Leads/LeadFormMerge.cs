using LeadDesk.Core.Leads;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>A field both people changed differently: the other person's saved value, and what this one typed.</summary>
public sealed record FieldConflict(string Field, string Theirs, string Yours);

/// <summary>
/// Someone saved a lead while this person was editing it: their saved values come into the form wherever this person
/// changed nothing, what this person changed stays, and a field both changed differently is listed, so nothing is lost
/// unseen. The result is based on their version, so saving it overwrites only what this person chose.
/// </summary>
public static class LeadFormMerge
{
    /// <summary>The label is read when a conflict is listed, in that user's language.</summary>
    private sealed record Field(Func<string> Label, Func<LeadForm, string?> Get, Action<LeadForm, string?> Set);

    private static readonly Field[] Fields =
    [
        new(() => T("First name"), f => f.FirstName, (f, v) => f.FirstName = v),
        new(() => T("Last name"), f => f.LastName, (f, v) => f.LastName = v),
        new(() => T("Email"), f => f.Email, (f, v) => f.Email = v),
        new(() => T("Phone"), f => f.Phone, (f, v) => f.Phone = v),
        new(() => T("Company"), f => f.Company, (f, v) => f.Company = v),
        new(() => T("Job title"), f => f.Title, (f, v) => f.Title = v),
        new(() => T("Source"), f => f.Source, (f, v) => f.Source = v),
        new(() => T("Priority"), f => f.Priority, (f, v) => f.Priority = v ?? ""),
        new(() => T("Estimated value"), f => f.EstimatedValue, (f, v) => f.EstimatedValue = v),
        // Shown as "yes"/"no" in the conflict list; read back in the same language within one merge.
        new(() => T("Follow the products total"), f => f.ValueFromProducts ? T("yes") : T("no"), (f, v) => f.ValueFromProducts = v == T("yes")),
        new(() => T("Score"), f => f.Score, (f, v) => f.Score = v),
        new(() => T("Owner"), f => f.OwnerId, (f, v) => f.OwnerId = v),
        new(() => T("Description"), f => f.Description, (f, v) => f.Description = v),
        new(() => T("Custom fields"), CustomFieldsText, (f, v) => { }),
    ];

    /// <summary>Whether <paramref name="mine"/> differs from the version it was loaded from.</summary>
    public static bool IsEdited(LeadForm mine, LeadForm loaded) => Fields.Any(f => !Same(f.Get(mine), f.Get(loaded)));

    /// <summary>The form to show: the <paramref name="saved"/> lead with this person's own changes (since <paramref name="loaded"/>) on top.</summary>
    public static (LeadForm Form, IReadOnlyList<FieldConflict> Conflicts) Merge(LeadForm mine, LeadForm loaded, LeadDetails saved)
    {
        var theirs = LeadForm.From(saved);
        var merged = LeadForm.From(saved);
        var conflicts = new List<FieldConflict>();
        foreach (var field in Fields)
        {
            var (yours, before, stored) = (field.Get(mine), field.Get(loaded), field.Get(theirs));
            if (Same(yours, before))
            {
                continue; // untouched here: theirs stands
            }
            if (!Same(stored, before) && !Same(stored, yours))
            {
                conflicts.Add(new FieldConflict(field.Label(), stored ?? "", yours ?? ""));
            }
            field.Set(merged, yours);
        }
        if (!Same(CustomFieldsText(mine), CustomFieldsText(loaded)))
        {
            merged.CustomFields = [.. mine.CustomFields.Select(r => new CustomFieldRow { Key = r.Key, Value = r.Value })];
        }
        return (merged, conflicts);
    }

    private static string CustomFieldsText(LeadForm form) =>
        string.Join("; ", form.CustomFields.Where(r => !string.IsNullOrWhiteSpace(r.Key) && !string.IsNullOrWhiteSpace(r.Value)).Select(r => $"{r.Key!.Trim()}={r.Value!.Trim()}"));

    private static bool Same(string? a, string? b) => string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.Ordinal);
}
