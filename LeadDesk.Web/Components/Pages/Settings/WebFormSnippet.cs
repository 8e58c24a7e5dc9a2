using LeadDesk.Core.WebForms;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>Plain HTML for the customer's page: labelled inputs, a honeypot hidden from people, no script, no secret.</summary>
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
                ? $"  <p><label>{label}<br><textarea name=\"{key}\" rows=\"4\" maxlength=\"4000\"></textarea></label></p>"
                : $"  <p><label>{label}<br><input type=\"{type}\" name=\"{key}\" maxlength=\"200\"{required}></label></p>");
        }
        lines.Add($"  <p style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><label>Leave this empty <input name=\"{WebFormFields.Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></label></p>");
        lines.Add("  <p><button type=\"submit\">Send</button></p>");
        lines.Add("</form>");
        return string.Join('\n', lines);
    }
}
