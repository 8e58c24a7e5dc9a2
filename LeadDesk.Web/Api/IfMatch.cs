using LeadDesk.Core.Common;

namespace LeadDesk.Web.Api;

/// <summary><c>If-Match</c> carries the version a client read (the lead's ETag, <c>"v7"</c>); a stale one is a 409.</summary>
internal static class IfMatch
{
    public static int? Version(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        tag = tag.Trim('"');
        return tag.StartsWith('v') && int.TryParse(tag.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Validation.Error("If-Match", "If-Match must be the lead's ETag, such as \"v3\".");
    }
}
