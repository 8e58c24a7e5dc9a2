using System.Globalization;
using LeadDesk.Web.Auth;

namespace LeadDesk.Web.Localization;

/// <summary>
/// Sets the request's cultures: the UI language (<see cref="Languages.Of"/>) and, for formats, that language with the
/// current workspace's currency. A circuit keeps the cultures of the request that opened it, so a new choice takes
/// effect on the next page load (the language menu posts a form for that reason).
/// </summary>
internal sealed class LanguageMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, WorkspaceSession session)
    {
        var language = Languages.Of(context.Request);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = Languages.Culture(language, session.Current?.Currency ?? "USD");
        return next(context);
    }
}
