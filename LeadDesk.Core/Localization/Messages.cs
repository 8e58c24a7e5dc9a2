using System.Globalization;
using System.Resources;

namespace LeadDesk.Core.Localization;

/// <summary>
/// Messages Core shows to people (validation, refusals), in the caller's UI culture: the English text is the key and
/// the English version, <c>Messages.pt-BR.resx</c> holds the Brazilian Portuguese. Evaluated when the message is made,
/// so a validator's message follows whoever is being answered.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("LeadDesk.Core.Localization.Messages", typeof(Messages).Assembly);

    public static string T(string english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "pt" ? Resources.GetString(english, CultureInfo.CurrentUICulture) ?? english : english;

    public static string T(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(english), args);
}
