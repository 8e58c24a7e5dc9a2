using LeadDesk.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using LeadDesk.Web.Components.Shared;
using LeadDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Auth;

/// <summary>Form posts that only act and redirect; both require the antiforgery token.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/workspaces/switch", SwitchWorkspace);
        app.MapPost("/account/language", ChooseLanguageAsync);
    }

    private static async Task<IResult> SignOutAsync(SignInManager<AppUser> signIn, HttpContext context)
    {
        // The middleware validated the token; with no form parameter to bind, the verdict is ours to act on.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Results.BadRequest();
        }
        await signIn.SignOutAsync();
        context.Response.Cookies.Delete(CurrentActorMiddleware.WorkspaceCookie);
        return Results.LocalRedirect("/account/signin?signedOut=true");
    }

    private static IResult SwitchWorkspace(HttpContext context, WorkspaceSession session, [FromForm] Guid workspaceId)
    {
        if (session.Workspaces.All(m => m.WorkspaceId != workspaceId))
        {
            return Results.NotFound();
        }
        context.Response.Cookies.Append(CurrentActorMiddleware.WorkspaceCookie, workspaceId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
        });
        // Whatever page was open showed the old workspace's data; start from its dashboard.
        return Results.LocalRedirect("/");
    }

    /// <summary>
    /// The user menu's language: kept on the account (their next sign-in, anywhere) and in this browser's cookie. A
    /// redirect, because a circuit keeps the language it started with: the page opens again in the new one.
    /// </summary>
    private static async Task<IResult> ChooseLanguageAsync(HttpContext context, UserManager<AppUser> users, [FromForm] string? language, [FromForm] string? returnUrl)
    {
        var chosen = Languages.Normalize(language);
        if (chosen is null && !string.IsNullOrEmpty(language))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["language"] = ["Choose en-US, pt-BR, or nothing to follow the browser."] });
        }
        var user = await users.GetUserAsync(context.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }
        user.Language = chosen;
        await users.UpdateAsync(user);
        Languages.Remember(context.Response, chosen);
        return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/"));
    }
}
