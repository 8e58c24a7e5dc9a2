namespace LeadDesk.Core.Workspaces;

/// <summary>Named permissions; the web layer exposes each as an authorization policy of the same name.</summary>
public static class Permissions
{
    public const string LeadsView = "leads.view";
    public const string LeadsCreate = "leads.create";
    public const string LeadsEdit = "leads.edit";
    public const string LeadsDelete = "leads.delete";
    public const string SettingsAdmin = "settings.admin";

    public static readonly IReadOnlyList<string> All = [LeadsView, LeadsCreate, LeadsEdit, LeadsDelete, SettingsAdmin];

    public static bool IsGranted(WorkspaceRole role, string permission) => permission switch
    {
        LeadsView or LeadsCreate or LeadsEdit => true,
        LeadsDelete => role >= WorkspaceRole.Manager,
        SettingsAdmin => role == WorkspaceRole.Admin,
        _ => false,
    };
}
