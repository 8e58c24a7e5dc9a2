using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.Authorization;

namespace LeadDesk.Web.Auth;

/// <summary>Requires a named permission (<see cref="Permissions"/>) in the current workspace.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(ICurrentActor actor) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (actor.Can(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
