using LeadDesk.Core.Leads;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>
/// The disqualification reasons' names in the reader's language. Core keeps them in English: the API answers with them
/// and the timeline stores them.
/// </summary>
public static class ReasonNames
{
    public static string Of(string? key) => key switch
    {
        "no_budget" => T("No budget"),
        "no_need" => T("No need"),
        "competitor" => T("Chose a competitor"),
        "bad_timing" => T("Bad timing"),
        "unresponsive" => T("Unresponsive"),
        "duplicate" => T("Duplicate"),
        DisqualificationReasons.Other => T("Other"),
        _ => DisqualificationReasons.NameOf(key), // a key no longer on the list: as stored
    };

    /// <summary>The reason whose English name is <paramref name="name"/> (as the timeline stored it), in the reader's language.</summary>
    public static string OfName(string name) => DisqualificationReasons.All.FirstOrDefault(r => r.Name == name) is { } reason ? Of(reason.Key) : name;
}
