using System.Security.Claims;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Auth;

/// <summary>The signed-in user's workspaces and the one they are working in, for the layout.</summary>
public sealed class WorkspaceSession
{
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public IReadOnlyList<Membership> Workspaces { get; private set; } = [];
    public Membership? Current { get; private set; }

    public string Initials => string.Concat(
        DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));

    /// <summary>Filled per request by <c>CurrentActorMiddleware</c>, and once per circuit by <c>UiOperations</c>.</summary>
    internal void Set(ClaimsPrincipal user, IReadOnlyList<Membership> workspaces, Membership? current)
    {
        DisplayName = user.FindFirstValue(LeadDeskClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";
        Email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";
        Workspaces = workspaces;
        Current = current;
    }
}
