using System.Net.Mail;

namespace LeadDesk.Core.Leads;

/// <summary>
/// One spelling per email, so duplicate detection and search compare like with like: trimmed and lower-cased.
/// Phones are libphonenumber's (<see cref="Phones.PhoneFormat"/>).
/// </summary>
public static class ContactNormalizer
{
    public static string? Email(string? email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToLowerInvariant();
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
}
