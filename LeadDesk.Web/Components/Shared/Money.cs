using System.Globalization;

namespace LeadDesk.Web.Components.Shared;

/// <summary>Money as shown in the UI. Workspace currencies arrive with the settings issue; until then US dollars.</summary>
public static class Money
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"$950", "$12.5K", "$12.8M": short enough for a figure card.</summary>
    public static string Compact(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("$0.#B", Culture),
        >= 1_000_000m => (amount / 1_000_000m).ToString("$0.#M", Culture),
        >= 10_000m => (amount / 1_000m).ToString("$0.#K", Culture),
        _ => amount.ToString("C0", Culture),
    };
}
