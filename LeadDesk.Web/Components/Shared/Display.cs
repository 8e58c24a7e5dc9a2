using System.Globalization;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Leads;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Shared;

/// <summary>How lead values read on screen, in one place so the list, board and lead page agree.</summary>
public static class Display
{
    public static string Priority(LeadPriority priority) => priority switch
    {
        LeadPriority.Low => T("Low"),
        LeadPriority.High => T("High"),
        LeadPriority.Critical => T("Critical"),
        _ => T("Medium"),
    };

    public static string PriorityClass(LeadPriority priority) => $"ld-priority ld-priority-{priority.ToString().ToLowerInvariant()}";

    public static string Status(LeadStatus status) => status switch
    {
        LeadStatus.Converted => T("Converted"),
        LeadStatus.Disqualified => T("Disqualified"),
        _ => T("Open"),
    };

    public static string Channel(LeadChannel channel) => channel switch
    {
        LeadChannel.Web => "Web",
        LeadChannel.Telegram => "Telegram",
        LeadChannel.Email => T("Email"),
        LeadChannel.Api => "API",
        LeadChannel.Import => T("Import"),
        LeadChannel.Form => T("Web form"),
        _ => T("Manual"),
    };

    public static string ActivityIcon(ActivityType type) => type switch
    {
        ActivityType.Created => "bi-plus-circle",
        ActivityType.StageChanged => "bi-arrow-right-circle",
        ActivityType.Note => "bi-sticky",
        ActivityType.Call => "bi-telephone",
        ActivityType.Email => "bi-envelope",
        ActivityType.Meeting => "bi-people",
        ActivityType.Disqualified => "bi-x-circle",
        ActivityType.Reopened => "bi-arrow-counterclockwise",
        ActivityType.Converted => "bi-trophy",
        ActivityType.SlaBreached => "bi-alarm",
        ActivityType.OwnerChanged => "bi-person-check",
        ActivityType.Deleted => "bi-trash",
        ActivityType.Restored => "bi-arrow-90deg-left",
        ActivityType.Document => "bi-paperclip",
        ActivityType.Product => "bi-box-seam",
        ActivityType.FormSubmitted => "bi-ui-checks",
        _ => "bi-person-plus",
    };

    public static string Amount(decimal? amount) => amount is { } value ? value.ToString("C0", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateTime? utc) => utc is { } value ? value.ToString(T("MMM d, yyyy"), CultureInfo.CurrentCulture) : "—";

    public static string DateTime(DateTime? utc) => utc is { } value ? value.ToString(T("MMM d, yyyy HH:mm 'UTC'"), CultureInfo.CurrentCulture) : "—";

    /// <summary>ISO 8601 for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Initials(string? name) => string.IsNullOrWhiteSpace(name)
        ? "?"
        : string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.# 'KB'", CultureInfo.CurrentCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.# 'MB'", CultureInfo.CurrentCulture),
    };

    /// <summary>
    /// "1 lead", "1.250 leads": <paramref name="one"/> or <paramref name="many"/>, whole texts with a <c>{0}</c> for the
    /// count, translated by the caller (<c>Count(n, T("{0} lead"), T("{0} leads"))</c>); the count in the culture's digits.
    /// </summary>
    public static string Count(int count, string one, string many) =>
        string.Format(CultureInfo.CurrentCulture, count == 1 ? one : many, count.ToString("N0", CultureInfo.CurrentCulture));
}
