using System.Globalization;
using System.Runtime.CompilerServices;
using LeadDesk.Web.Localization;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// The cultures a test renders in. Tests start in English with US dollars, as a request from an English browser in a
/// USD workspace would; <see cref="Use"/> switches the current flow (restored on dispose).
/// </summary>
public sealed class TestCulture : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    private TestCulture(string language, string currency)
    {
        CultureInfo.CurrentCulture = Languages.Culture(language, currency);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
    }

    public static TestCulture Use(string language, string currency = "USD") => new(language, currency);

    public static TestCulture Portuguese(string currency = "BRL") => new(Languages.Portuguese, currency);

    [ModuleInitializer]
    internal static void StartInEnglish()
    {
        CultureInfo.DefaultThreadCurrentCulture = Languages.Culture(Languages.English, "USD");
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo(Languages.English);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
