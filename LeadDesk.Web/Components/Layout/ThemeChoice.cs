namespace LeadDesk.Web.Components.Layout;

/// <summary>
/// Light or dark, as the user chose with the app bar's toggle, or null to follow the system. Remembered in a cookie, so
/// the server renders the first paint in the right colours (no flash of the other theme).
/// </summary>
public sealed record ThemeChoice(bool? Dark)
{
    public const string Cookie = "ld.theme";

    public static ThemeChoice Parse(string? value) => new(value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    });
}
