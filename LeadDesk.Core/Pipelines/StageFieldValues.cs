using System.Globalization;

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
            case StageFieldType.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            case StageFieldType.Number:
                error = $"{field.Label} must be a number, like 1500 or 1500.50.";
                return null;
            case StageFieldType.Date when DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date):
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case StageFieldType.Date:
                error = $"{field.Label} must be a date (YYYY-MM-DD).";
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
                error = $"{field.Label} must be yes or no.";
                return null;
            case StageFieldType.Select:
                var choice = field.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                error = choice is null ? $"Choose one of: {string.Join(", ", field.Choices)}." : null;
                return choice;
            default:
                if (text.Length > Pipelines.LeadStageValue.ValueMaxLength)
                {
                    error = $"{field.Label} is longer than {Pipelines.LeadStageValue.ValueMaxLength} characters.";
                    return null;
                }
                return text;
        }
    }
}
