namespace LeadDesk.Core.Workspaces;

/// <summary>Named permissions; the web layer exposes each as an authorization policy of the same name.</summary>
public static class Permissions
{
    public const string LeadsView = "leads.view";
    public const string LeadsCreate = "leads.create";
    public const string LeadsEdit = "leads.edit";
    public const string LeadsDelete = "leads.delete";
    /// <summary>Read pipelines, stages and the other lead settings (everyone works with them).</summary>
    public const string SettingsView = "settings.view";
    public const string SettingsAdmin = "settings.admin";

    public static readonly IReadOnlyList<string> All = [LeadsView, LeadsCreate, LeadsEdit, LeadsDelete, SettingsView, SettingsAdmin];

    public static bool IsGranted(WorkspaceRole role, string permission) => permission switch
    {
        LeadsView or LeadsCreate or LeadsEdit or SettingsView => true,
        LeadsDelete => role >= WorkspaceRole.Manager,
        SettingsAdmin => role == WorkspaceRole.Admin,
        _ => false,
    };
}
