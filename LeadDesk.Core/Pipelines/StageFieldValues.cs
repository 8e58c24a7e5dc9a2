using System.Globalization;
using LeadDesk.Core.Localization;

namespace LeadDesk.Core.Pipelines;

/// <summary>Reads a stage field value as typed by a person or sent by a client, and stores it in one invariant spelling.</summary>
public static class StageFieldValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"];

    /// <summary>The stored value, or null for "no value"; <paramref name="error"/> says what is wrong with a bad one.</summary>
    public static string? Normalize(StageFieldInfo field, string? raw, out string? error)
    {
        error = null;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        switch (field.Type)
        {
            case StageFieldType.Number when TryParseNumber(text, CultureInfo.InvariantCulture, out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            case StageFieldType.Number:
                error = Messages.T("{0} must be a number, like 1500 or 1500.50.", field.Label);
                return null;
            case StageFieldType.Money when TryParseNumber(text, CultureInfo.InvariantCulture, out var amount):
                return Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
            case StageFieldType.Money:
                error = Messages.T("{0} must be an amount, like 1500 or 1500.50.", field.Label);
                return null;
            case StageFieldType.User when Guid.TryParse(text, out var userId):
                return userId.ToString(); // a member of the workspace: LeadStageService checks, it has the database
            case StageFieldType.User:
                error = Messages.T("{0} must be a member of the workspace.", field.Label);
                return null;
            case StageFieldType.Date when DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date):
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case StageFieldType.Date:
                error = Messages.T("{0} must be a date (YYYY-MM-DD).", field.Label);
                return null;
            case StageFieldType.Boolean:
                if (text.ToLowerInvariant() is "true" or "on" or "yes" or "1")
                {
                    return "true";
                }
                if (text.ToLowerInvariant() is "false" or "off" or "no" or "0")
                {
                    return "false";
                }
                error = Messages.T("{0} must be yes or no.", field.Label);
                return null;
            case StageFieldType.Select:
                var choice = field.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                error = choice is null ? Messages.T("Choose one of: {0}.", string.Join(", ", field.Choices)) : null;
                return choice;
            default:
                if (text.Length > Pipelines.LeadStageValue.ValueMaxLength)
                {
                    error = Messages.T("{0} is longer than {1} characters.", field.Label, Pipelines.LeadStageValue.ValueMaxLength);
                    return null;
                }
                return text;
        }
    }

    /// <summary>
    /// A number in <paramref name="culture"/>'s spelling, its thousands grouped by three if at all: "1500,50" (a Brazilian
    /// 1,500.50) is refused in the invariant spelling rather than read as 150050.
    /// </summary>
    private static bool TryParseNumber(string text, CultureInfo culture, out decimal number)
    {
        var format = culture.NumberFormat;
        var whole = text.TrimStart('+', '-').Split(format.NumberDecimalSeparator)[0];
        var groups = whole.Split(format.NumberGroupSeparator);
        var wellGrouped = groups.Length == 1 || (groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3));
        number = 0;
        return wellGrouped && decimal.TryParse(text, NumberStyles.Number, culture, out number);
    }
}
