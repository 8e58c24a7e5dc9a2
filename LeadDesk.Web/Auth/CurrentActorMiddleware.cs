using System.Security.Claims;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Api;

namespace LeadDesk.Web.Auth;

/// <summary>
/// Fills the request's <see cref="CurrentActor"/> from an API token, or from the cookie user and the workspace they chose
/// (cookie <c>ld.workspace</c>, checked against their memberships on every request so a removed
/// member loses access at once).
/// </summary>
internal sealed class CurrentActorMiddleware(RequestDelegate next)
{
    public const string WorkspaceCookie = "ld.workspace";

    public async Task InvokeAsync(HttpContext context, CurrentActor actor, WorkspaceSession session, WorkspaceDirectory directory)
    {
        var user = context.User;
        if (Guid.TryParse(user.FindFirstValue(ApiTokenAuthenticationHandler.TokenClaim), out var tokenId)
            && Guid.TryParse(user.FindFirstValue(ApiTokenAuthenticationHandler.WorkspaceClaim), out var tokenWorkspace))
        {
            // An API token acts in its own workspace with exactly what its scopes grant.
            var scopes = user.FindAll(ApiTokenAuthenticationHandler.ScopeClaim).Select(c => c.Value);
            actor.SetMachine(tokenWorkspace, tokenId, ApiScopes.PermissionsOf(scopes));
        }
        else if (user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var memberships = await directory.MembershipsOfAsync(userId, context.RequestAborted);
            var chosen = Guid.TryParse(context.Request.Cookies[WorkspaceCookie], out var chosenId)
                ? memberships.FirstOrDefault(m => m.WorkspaceId == chosenId)
                : null;
            var current = chosen ?? (memberships.Count > 0 ? memberships[0] : null);
            actor.Set(userId, current?.WorkspaceId, current?.Role);
            session.Set(user, memberships, current);
        }
        await next(context);
    }
}
