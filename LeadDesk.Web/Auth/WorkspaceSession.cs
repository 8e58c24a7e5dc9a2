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

    internal void Set(string displayName, string email, IReadOnlyList<Membership> workspaces, Membership? current)
    {
        DisplayName = displayName;
        Email = email;
        Workspaces = workspaces;
        Current = current;
    }
}
