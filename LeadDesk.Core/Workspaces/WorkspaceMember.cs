namespace LeadDesk.Core.Workspaces;

/// <summary>A user's membership of a workspace, with the role they hold there.</summary>
public class WorkspaceMember : IWorkspaceOwned, IAuditable
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; private set; }
    public WorkspaceRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public Guid? UpdatedById { get; set; }

    public Workspace? Workspace { get; private set; }

    public WorkspaceMember(Guid userId, WorkspaceRole role)
    {
        UserId = userId;
        Role = role;
    }
}
