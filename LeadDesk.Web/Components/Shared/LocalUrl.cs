namespace LeadDesk.Web.Components.Shared;

public static class LocalUrl
{
    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, else <paramref name="fallback"/>:
    /// "//evil.example" and "/\evil.example" are other hosts to a browser.
    /// </summary>
    public static string OrDefault(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : fallback;
}
