using System.Net.Mail;

namespace LeadDesk.Core.Leads;

/// <summary>
/// One spelling per email and phone, so duplicate detection and search compare like with like:
/// emails trimmed and lower-cased, phones reduced to <c>+</c> and digits (seed 001 sends digits only,
/// seed 000 "+1 (800) 123-4567").
/// </summary>
public static class ContactNormalizer
{
    public const int MinPhoneDigits = 6;
    public const int MaxPhoneDigits = 15; // E.164

    public static string? Email(string? email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToLowerInvariant();
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : "+" + digits;
    }

    /// <summary>A plausible address: one @, a dotted domain, no spaces, and what <see cref="MailAddress"/> accepts unchanged.</summary>
    public static bool IsValidEmail(string? email)
    {
        var normalized = Email(email);
        if (normalized is null || normalized.Any(char.IsWhiteSpace))
        {
            return false;
        }
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != normalized.LastIndexOf('@') || !normalized[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || normalized.EndsWith('.'))
        {
            return false;
        }
        return MailAddress.TryCreate(normalized, out var parsed) && parsed.Address == normalized;
    }

    /// <summary>Between 6 and 15 digits once spaces, dashes, dots and brackets are dropped; nothing else allowed.</summary>
    public static bool IsValidPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return false;
        }
        var trimmed = phone.Trim();
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+'))
            || trimmed.LastIndexOf('+') > 0)
        {
            return false;
        }
        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= MinPhoneDigits and <= MaxPhoneDigits;
    }
}
