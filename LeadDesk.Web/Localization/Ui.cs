using System.Globalization;
using System.Resources;

namespace LeadDesk.Web.Localization;

/// <summary>
/// The browser UI's text. The English text written in the markup is both the key and the English version
/// (<c>@T("Sign out")</c>); <c>Ui.pt-BR.resx</c> holds the Brazilian Portuguese, and a test keeps the two in step.
/// The language is the request's UI culture (the user's choice, else the browser's; see <see cref="Languages"/>).
/// </summary>
public static class Ui
{
    private static readonly ResourceManager Resources = new("LeadDesk.Web.Localization.Ui", typeof(Ui).Assembly);

    public static string T(string english) =>
        Languages.IsPortuguese(CultureInfo.CurrentUICulture) ? Resources.GetString(english, CultureInfo.CurrentUICulture) ?? english : english;

    /// <summary>The Portuguese of a resource by name (MudBlazor's own texts), or null in English or when there is none.</summary>
    internal static string? Portuguese(string name) =>
        Languages.IsPortuguese(CultureInfo.CurrentUICulture) ? Resources.GetString(name, CultureInfo.CurrentUICulture) : null;

    /// <summary>A text with placeholders, filled in the current culture's number and date formats.</summary>
    public static string T(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(english), args);
}
