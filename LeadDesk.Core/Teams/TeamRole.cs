using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Teams;

/// <summary>A role someone plays on a lead's team ("Sales rep", "Solution engineer"); admins edit the list.</summary>
public class TeamRole : WorkspaceEntity
{
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 120;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Key { get; private set; }
    public string Name { get; set; }
    public int SortOrder { get; set; }

    public TeamRole(string key, string name)
    {
        Key = key;
        Name = name;
    }
}

/// <summary>A workspace member working a lead with a team role; team members see the lead under own+team visibility.</summary>
public class LeadTeamMember : WorkspaceEntity, ILeadPart
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid TeamRoleId { get; set; }

    public LeadTeamMember(Guid leadId, Guid userId, Guid teamRoleId)
    {
        LeadId = leadId;
        UserId = userId;
        TeamRoleId = teamRoleId;
    }

    public string HistoryLabel => "Team member";
    public string HistorySummary => $"{UserId} ({TeamRoleId})";
}
