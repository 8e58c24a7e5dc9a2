using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>A number of leads in the user's language and number format: "1 lead", "1,250 leads", "1.250 leads".</summary>
public static class LeadCount
{
    public static string Of(int count) => count == 1 ? T("{0:N0} lead", count) : T("{0:N0} leads", count);
}
