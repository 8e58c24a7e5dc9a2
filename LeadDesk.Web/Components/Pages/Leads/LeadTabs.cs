using MudBlazor;

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

    public static readonly IReadOnlyList<(string Key, string Label, string Icon)> All =
    [
        (Overview, "Overview", Icons.Material.Outlined.Badge),
        (Notes, "Notes", Icons.Material.Outlined.StickyNote2),
        (Activities, "Activities", Icons.Material.Outlined.Event),
        (Team, "Team", Icons.Material.Outlined.Groups),
        (Products, "Products", Icons.Material.Outlined.Inventory2),
        (History, "History", Icons.Material.Outlined.History),
        (Documents, "Documents", Icons.Material.Outlined.AttachFile),
    ];

    public static int IndexOf(string tab) => All.Select(t => t.Key).ToList().IndexOf(tab);

    /// <summary>The tab asked for, or the overview when it is missing or unknown.</summary>
    public static string Normalize(string? tab) => All.Any(t => t.Key == tab) ? tab! : Overview;

    public static string Url(Guid leadId, string tab) => tab == Overview ? $"/leads/{leadId}" : $"/leads/{leadId}?tab={tab}";
}
