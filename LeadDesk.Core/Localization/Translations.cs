using System.Globalization;
using System.Reflection;
using System.Resources;

namespace LeadDesk.Core.Localization;

/// <summary>
/// Texts whose English is written in the code and is their key; a <c>.pt-BR.resx</c> resource holds the Brazilian
/// Portuguese. Looked up in the current UI culture when asked, so a text follows whoever is being answered.
/// </summary>
public sealed class Translations(string resourceName, Assembly assembly)
{
    private readonly ResourceManager resources = new(resourceName, assembly);

    private static bool IsPortuguese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "pt";

    public string T(string english) => Portuguese(english) ?? english;

    /// <summary>A text with placeholders, filled in the current culture's number and date formats.</summary>
    public string T(string english, object?[] args) => string.Format(CultureInfo.CurrentCulture, T(english), args);

    /// <summary>The Portuguese of an entry, or null in English or when there is none.</summary>
    public string? Portuguese(string name) =>
        IsPortuguese(CultureInfo.CurrentUICulture) ? resources.GetString(name, CultureInfo.CurrentUICulture) : null;
}
