using LeadDesk.Core.Localization;

namespace LeadDesk.Web.Localization;

/// <summary>
/// The browser UI's text: <c>@T("Sign out")</c> in markup, the English being the key (<c>Ui.pt-BR.resx</c> holds the
/// Brazilian Portuguese, and a test keeps the two in step), in the request's language (see <see cref="Languages"/>).
/// </summary>
public static class Ui
{
    private static readonly Translations Text = new("LeadDesk.Web.Localization.Ui", typeof(Ui).Assembly);

    public static string T(string english) => Text.T(english);

    public static string T(string english, params object?[] args) => Text.T(english, args);

    /// <summary>The Portuguese of an entry by name (MudBlazor's own texts), or null in English or when there is none.</summary>
    internal static string? Portuguese(string name) => Text.Portuguese(name);
}
