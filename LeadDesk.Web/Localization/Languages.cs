using System.Collections.Concurrent;
using System.Globalization;

namespace LeadDesk.Web.Localization;

/// <summary>
/// The two languages of the browser UI and how a request's language is chosen: the user's choice (cookie
/// <see cref="Cookie"/>, written when they choose and when they sign in), else the browser's <c>Accept-Language</c>,
/// else English. Numbers and dates follow the language; money is shown in the workspace's currency.
/// </summary>
public static class Languages
{
    public const string English = "en-US";
    public const string Portuguese = "pt-BR";
    public const string Cookie = "ld.language";

    /// <summary>The choices of the user menu, each in its own language.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Choices = [(English, "English"), (Portuguese, "Português (Brasil)")];

    private static readonly ConcurrentDictionary<(string Language, string Currency), CultureInfo> Formats = new();

    /// <summary>One of the two language codes, or null for anything else (null means: follow the browser).</summary>
    public static string? Normalize(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "en" or "en-us" => English,
        "pt" or "pt-br" => Portuguese,
        _ => null,
    };

    /// <summary>The first of English or Portuguese that the browser asks for, by quality; English when it asks for neither.</summary>
    public static string FromAcceptLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("pt", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase))?
            .StartsWith("pt", StringComparison.OrdinalIgnoreCase) == true ? Portuguese : English;

    public static string Of(HttpRequest request) => Normalize(request.Cookies[Cookie]) ?? FromAcceptLanguage(request);

    /// <summary>The language's culture with the currency symbol of <paramref name="currency"/> (ISO 4217), cached.</summary>
    public static CultureInfo Culture(string language, string currency) => Formats.GetOrAdd((language, currency), key =>
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(key.Language).Clone();
        culture.NumberFormat.CurrencySymbol = CurrencySymbol(key.Currency, key.Language == Portuguese);
        return CultureInfo.ReadOnly(culture);
    });

    private static string CurrencySymbol(string currency, bool portuguese) => currency.ToUpperInvariant() switch
    {
        // Brazilian usage tells the dollar apart from the real.
        "USD" => portuguese ? "US$" : "$",
        "BRL" => "R$",
        var code => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => !c.IsNeutralCulture && c.LCID != CultureInfo.InvariantCulture.LCID)
            .Select(c => (Culture: c, Region: TryRegion(c)))
            .FirstOrDefault(c => c.Region?.ISOCurrencySymbol == code).Culture?.NumberFormat.CurrencySymbol ?? code,
    };

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes this browser's language cookie, or deletes it (null: follow the browser).</summary>
    public static void Remember(HttpResponse response, string? language)
    {
        if (language is null)
        {
            response.Cookies.Delete(Cookie);
            return;
        }
        response.Cookies.Append(Cookie, language, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
    }
}
