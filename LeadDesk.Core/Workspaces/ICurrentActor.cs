namespace LeadDesk.Core.Workspaces;

/// <summary>Who is acting, and in which workspace, for the current request or job.</summary>
public interface ICurrentActor
{
    /// <summary>The signed-in user; null for an API token, a web form or a job.</summary>
    Guid? UserId { get; }
    Guid? WorkspaceId { get; }
    /// <summary>The user's role in the workspace; null for an API token (its scopes say what it may do).</summary>
    WorkspaceRole? Role { get; }
    /// <summary>The API token acting, if any.</summary>
    Guid? TokenId { get; }

    bool Can(string permission);
}

/// <summary>
/// The scoped actor. The web layer fills it from the cookie user or the API token; jobs and the seeder
/// fill it for the workspace they work on.
/// </summary>
public sealed class CurrentActor : ICurrentActor
{
    private IReadOnlySet<string>? _granted;

    public Guid? UserId { get; private set; }
    public Guid? WorkspaceId { get; private set; }
    public WorkspaceRole? Role { get; private set; }
    public Guid? TokenId { get; private set; }

    public bool Can(string permission) =>
        _granted is not null ? _granted.Contains(permission) : Role is { } role && Permissions.IsGranted(role, permission);

    public void Set(Guid? userId, Guid? workspaceId, WorkspaceRole? role)
    {
        UserId = userId;
        WorkspaceId = workspaceId;
        Role = role;
        TokenId = null;
        _granted = null;
    }

    /// <summary>Acts as an API token (or another non-person): exactly the <paramref name="granted"/> permissions.</summary>
    public void SetMachine(Guid workspaceId, Guid? tokenId, IReadOnlySet<string> granted)
    {
        UserId = null;
        WorkspaceId = workspaceId;
        Role = null;
        TokenId = tokenId;
        _granted = granted;
    }
}
