using MudBlazor;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>The lead page's tabs, in order; the key is the <c>?tab=</c> value.</summary>
public static class LeadTabs
{
    public const string Overview = "overview";
    public const string Notes = "notes";
    public const string Activities = "activities";
    public const string Team = "team";
    public const string Products = "products";
    public const string History = "history";
    public const string Documents = "documents";

    /// <summary>Read on each use, so the labels are in the user's language.</summary>
    public static IReadOnlyList<(string Key, string Label, string Icon)> All =>
    [
        (Overview, T("Overview"), Icons.Material.Outlined.Badge),
        (Notes, T("Notes"), Icons.Material.Outlined.StickyNote2),
        (Activities, T("Activities"), Icons.Material.Outlined.Event),
        (Team, T("Team"), Icons.Material.Outlined.Groups),
        (Products, T("Products"), Icons.Material.Outlined.Inventory2),
        (History, T("History"), Icons.Material.Outlined.History),
        (Documents, T("Documents"), Icons.Material.Outlined.AttachFile),
    ];

    public static int IndexOf(string tab) => All.Select(t => t.Key).ToList().IndexOf(tab);

    /// <summary>The tab asked for, or the overview when it is missing or unknown.</summary>
    public static string Normalize(string? tab) => All.Any(t => t.Key == tab) ? tab! : Overview;

    public static string Url(Guid leadId, string tab) => tab == Overview ? $"/leads/{leadId}" : $"/leads/{leadId}?tab={tab}";
}
