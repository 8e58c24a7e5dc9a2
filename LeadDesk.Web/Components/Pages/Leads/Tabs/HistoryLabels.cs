using System.Globalization;
using LeadDesk.Core.Leads;
using LeadDesk.Web.Components.Shared;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads.Tabs;

/// <summary>
/// A history row in the reader's language. <c>HistoryService</c> answers with English field labels (the API's too) and
/// values as stored (enum codes, "Yes"/"No", invariant dates and amounts): each known label is said again with
/// <c>T()</c>, and codes, dates and amounts go through <see cref="Display"/>. Labels not listed and free text stay as given.
/// </summary>
public static class HistoryLabels
{
    public static string Field(string label) => label switch
    {
        "Lead created" => T("Lead created"),
        "In trash" => T("In trash"),
        "First name" => T("First name"),
        "Last name" => T("Last name"),
        "Email" => T("Email"),
        "Phone" => T("Phone"),
        "Company" => T("Company"),
        "Account" => T("Account"),
        "Title" => T("Job title"),
        "Source" => T("Source"),
        "Channel" => T("Channel"),
        "Pipeline" => T("Pipeline"),
        "Stage" => T("Stage"),
        "Status" => T("Status"),
        "Priority" => T("Priority"),
        "Estimated value" => T("Estimated value"),
        "Value follows products" => T("Value follows products"),
        "Score" => T("Score"),
        "Qualified" => T("Qualified"),
        "Owner" => T("Owner"),
        "Description" => T("Description"),
        "Custom fields" => T("Custom fields"),
        "Last contact" => T("Last contact"),
        "SLA deadline" => T("SLA deadline"),
        "First response" => T("First response"),
        "Converted at" => T("Converted at"),
        "Disqualification reason" => T("Disqualification reason"),
        "Disqualification notes" => T("Disqualification notes"),
        "Disqualified at" => T("Disqualified at"),
        "Note" => T("Note"),
        "Product" => T("Product"),
        "Team member" => T("Team member"),
        "Stage field" => T("Stage field"),
        "Document" => T("Document"),
        _ => label,
    };

    public static string Value(string label, string? value) => value is null ? "—" : label switch
    {
        "Status" when Parse<LeadStatus>(value) is { } status => Display.Status(status),
        "Priority" when Parse<LeadPriority>(value) is { } priority => Display.Priority(priority),
        "Channel" when Parse<LeadChannel>(value) is { } channel => Display.Channel(channel),
        "Disqualification reason" => ReasonNames.Of(value),
        "In trash" or "Value follows products" or "Qualified" when value is "Yes" or "No" => value == "Yes" ? T("Yes") : T("No"),
        "Estimated value" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) =>
            amount == decimal.Truncate(amount) ? Display.Amount(amount) : amount.ToString("C2", CultureInfo.CurrentCulture),
        "Last contact" or "SLA deadline" or "First response" or "Converted at" or "Disqualified at" when DateTime.TryParseExact(value,
            "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) =>
            Display.DateTime(time),
        _ => value,
    };

    private static TEnum? Parse<TEnum>(string value) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
