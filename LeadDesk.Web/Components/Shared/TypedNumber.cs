using System.Globalization;

namespace LeadDesk.Web.Components.Shared;

/// <summary>Numbers as people type them: in their language's format, with or without a currency symbol.</summary>
public static class TypedNumber
{
    /// <summary>
    /// Reads <paramref name="text"/> in the current culture. Digit groups are of three, so a decimal point typed the
    /// other language's way ("1500.50" in Portuguese, "1500,50" in English) is refused, not read as 150050.
    /// </summary>
    public static bool TryRead(string? text, out decimal number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var format = CultureInfo.CurrentCulture.NumberFormat;
        var whole = text.Split(format.CurrencyDecimalSeparator)[0];
        return whole.Split(format.CurrencyGroupSeparator).Skip(1).All(group => group.Count(char.IsAsciiDigit) == 3)
            && decimal.TryParse(text.Trim().TrimStart('$'), NumberStyles.Currency, CultureInfo.CurrentCulture, out number);
    }
}
