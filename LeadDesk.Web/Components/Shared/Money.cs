using System.Globalization;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Shared;

/// <summary>
/// Money as shown in the UI: the current culture's formats (the user's language) with the workspace's currency
/// symbol, both set per request by <see cref="Localization.LanguageMiddleware"/>.
/// </summary>
public static class Money
{
    /// <summary>"$950", "$12.5K", "R$ 12,8 mi": short enough for a figure card.</summary>
    public static string Compact(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000_000m => Scaled(amount / 1_000_000_000m, T("{0}B")),
        >= 1_000_000m => Scaled(amount / 1_000_000m, T("{0}M")),
        >= 10_000m => Scaled(amount / 1_000m, T("{0}K")),
        _ => amount.ToString("C0", CultureInfo.CurrentCulture),
    };

    private static string Scaled(decimal amount, string unit)
    {
        var rounded = Math.Round(amount, 1);
        return string.Format(CultureInfo.CurrentCulture, unit, rounded.ToString(rounded == decimal.Truncate(rounded) ? "C0" : "C1", CultureInfo.CurrentCulture));
    }
}
