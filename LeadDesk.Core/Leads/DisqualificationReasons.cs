namespace LeadDesk.Core.Leads;

public sealed record DisqualificationReason(string Key, string Name);

/// <summary>
/// Why a lead was disqualified (seed 004 <c>reason</c>). A fixed list for now; the lead-settings
/// issue makes it a per-workspace list admins edit, keeping these keys.
/// </summary>
public static class DisqualificationReasons
{
    public const string Other = "other";

    public static readonly IReadOnlyList<DisqualificationReason> All =
    [
        new("no_budget", "No budget"),
        new("no_need", "No need"),
        new("competitor", "Chose a competitor"),
        new("bad_timing", "Bad timing"),
        new("unresponsive", "Unresponsive"),
        new("duplicate", "Duplicate"),
        new(Other, "Other"),
    ];

    public static bool IsKnown(string? key) => All.Any(r => r.Key == key);

    public static string NameOf(string? key) => All.FirstOrDefault(r => r.Key == key)?.Name ?? key ?? "";
}
