namespace LeadDesk.Core.Workspaces;

/// <summary>Who is acting, and in which workspace, for the current request or job.</summary>
public interface ICurrentActor
{
    Guid? UserId { get; }
    Guid? WorkspaceId { get; }
    WorkspaceRole? Role { get; }

    bool Can(string permission) => Role is { } role && Permissions.IsGranted(role, permission);
}

/// <summary>
/// The scoped actor. The web layer fills it from the cookie user (or, later, the API token);
/// jobs and the seeder fill it for the workspace they work on.
/// </summary>
public sealed class CurrentActor : ICurrentActor
{
    public Guid? UserId { get; private set; }
    public Guid? WorkspaceId { get; private set; }
    public WorkspaceRole? Role { get; private set; }

    public void Set(Guid? userId, Guid? workspaceId, WorkspaceRole? role)
    {
        UserId = userId;
        WorkspaceId = workspaceId;
        Role = role;
    }
}
