using LeadDesk.Core.WebForms;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>
/// Plain HTML for the customer's page: labelled inputs, a honeypot hidden from people, no script, no secret. Its labels are
/// in the language of the admin who copies it, as their site most likely is.
/// </summary>
public static class WebFormSnippet
{
    /// <param name="baseUri">This app's address as the browser sees it, ending in a slash.</param>
    public static string Html(WebFormView form, string baseUri)
    {
        var lines = new List<string> { $"<form action=\"{baseUri}f/{form.Key}\" method=\"post\" accept-charset=\"utf-8\">" };
        foreach (var (key, label, type) in WebFormFields.All.Where(f => form.Fields.Contains(f.Key)))
        {
            var required = key == WebFormFields.Name ? " required" : "";
            lines.Add(type == "textarea"
                ? $"  <p><label>{FieldLabel(key, label)}<br><textarea name=\"{key}\" rows=\"4\" maxlength=\"4000\"></textarea></label></p>"
                : $"  <p><label>{FieldLabel(key, label)}<br><input type=\"{type}\" name=\"{key}\" maxlength=\"200\"{required}></label></p>");
        }
        lines.Add($"  <p style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><label>{T("Leave this empty")} <input name=\"{WebFormFields.Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></label></p>");
        lines.Add($"  <p><button type=\"submit\">{T("Send")}</button></p>");
        lines.Add("</form>");
        return string.Join('\n', lines);
    }

    /// <summary>A field's label in the current language (<paramref name="english"/>: Core's, for a field added there first).</summary>
    public static string FieldLabel(string key, string english) => key switch
    {
        WebFormFields.Name => T("Name"),
        WebFormFields.Email => T("Email"),
        WebFormFields.Phone => T("Phone"),
        WebFormFields.Company => T("Company"),
        WebFormFields.Title => T("Job title"),
        WebFormFields.Message => T("Message"),
        _ => english,
    };
}
