using LeadDesk.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Auth;

/// <summary>Form posts that only act and redirect; both require the antiforgery token.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/workspaces/switch", SwitchWorkspace);
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
}
