namespace LeadDesk.Core.Workspaces;

/// <summary>A user's membership of a workspace, with the role they hold there.</summary>
public class WorkspaceMember : WorkspaceEntity
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid UserId { get; private set; }
    public WorkspaceRole Role { get; set; }

    public Workspace? Workspace { get; private set; }

    public WorkspaceMember(Guid userId, WorkspaceRole role)
    {
        UserId = userId;
        Role = role;
    }
}
