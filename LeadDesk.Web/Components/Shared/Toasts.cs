using Microsoft.AspNetCore.Components.Routing;

namespace LeadDesk.Web.Components.Shared;

public enum ToastKind
{
    Success,
    Error,
}

public sealed record Toast(ToastKind Kind, string Message);

/// <summary>
/// Short confirmations ("Lead created") that survive the redirect after a form post: kept for one
/// request in a cookie, shown by the layout, then dropped.
/// </summary>
public sealed class Toasts(IHttpContextAccessor accessor)
{
    public const string Cookie = "ld.toast";
    private const int MaxLength = 300;

    private readonly List<Toast> _shown = [];

    /// <summary>The toasts the previous response left for this page.</summary>
    public IReadOnlyList<Toast> Shown => _shown;

    /// <summary>Shown by the page the response redirects to (forms post, then redirect).</summary>
    public void Add(ToastKind kind, string message)
    {
        accessor.HttpContext?.Response.Cookies.Append(Cookie, CookieValue(kind, message), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(1),
        });
    }

    /// <summary>
    /// The cookie's value for a toast. An interactive page has no response to set it on: before it loads a static page it
    /// has the browser write it (<c>js/toast.js</c>).
    /// </summary>
    public static string CookieValue(ToastKind kind, string message) =>
        $"{(kind == ToastKind.Error ? "e" : "s")}:{(message.Length <= MaxLength ? message : message[..MaxLength])}";

    public void Success(string message) => Add(ToastKind.Success, message);

    public void Error(string message) => Add(ToastKind.Error, message);

    /// <summary>Takes the toast a previous response left, once, for a request that renders a whole page.</summary>
    internal void Receive(HttpContext context)
    {
        var fragment = context.Request.Headers.ContainsKey("HX-Request") && !context.Request.Headers.ContainsKey("HX-Boosted");
        // A boosted request for an interactive page is thrown away by leaddesk.js, which loads that page whole: the toast
        // is for that second request.
        var reloaded = context.Request.Headers.ContainsKey("HX-Boosted") && context.AcceptsInteractiveRouting();
        if (fragment || reloaded || context.Request.Cookies[Cookie] is not { Length: > 2 } value)
        {
            return;
        }
        _shown.Add(new Toast(value[0] == 'e' ? ToastKind.Error : ToastKind.Success, value[2..]));
        context.Response.Cookies.Delete(Cookie);
    }
}
