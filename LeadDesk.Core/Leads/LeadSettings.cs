using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Leads;

public enum LeadVisibility
{
    /// <summary>Everyone in the workspace sees every lead.</summary>
    All = 0,
    /// <summary>Sales reps see only leads they own or are on the team of (seed 002); managers and admins see all.</summary>
    OwnAndTeam = 1,
}

/// <summary>A workspace's general lead settings; one row per workspace, created on first save.</summary>
public class LeadSettings : WorkspaceEntity
{
    public const int DefaultTrashRetentionDays = 30;
    public const int MinTrashRetentionDays = 1;
    public const int MaxTrashRetentionDays = 3650;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public LeadVisibility Visibility { get; set; }
    /// <summary>Leads, notes, documents and product lines in the trash longer than this are purged for good.</summary>
    public int TrashRetentionDays { get; set; } = DefaultTrashRetentionDays;
}
