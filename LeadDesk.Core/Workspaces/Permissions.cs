using LeadDesk.Core.Common;
using LeadDesk.Core.Localization;

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
    /// <summary>Change the workspace's settings: lead settings, web forms, webhooks. A <c>settings:write</c> token has it.</summary>
    public const string SettingsAdmin = "settings.admin";
    /// <summary>Issue and revoke API tokens: admins signed in only. No token scope grants it, so a token cannot mint tokens.</summary>
    public const string ApiTokensManage = "api-tokens.manage";

    public static readonly IReadOnlyList<string> All = [LeadsView, LeadsCreate, LeadsEdit, LeadsDelete, SettingsView, SettingsAdmin, ApiTokensManage];

    public static bool IsGranted(WorkspaceRole role, string permission) => permission switch
    {
        LeadsView or LeadsCreate or LeadsEdit or SettingsView => true,
        LeadsDelete => role >= WorkspaceRole.Manager,
        SettingsAdmin or ApiTokensManage => role == WorkspaceRole.Admin,
        _ => false,
    };

    /// <summary>The one permission check of every service operation: 403 (<see cref="ForbiddenException"/>) unless the actor has it.</summary>
    public static void Require(this ICurrentActor actor, string permission, string? message = null)
    {
        if (!actor.Can(permission))
        {
            throw new ForbiddenException(message ?? Refusal(permission));
        }
    }

    private static string Refusal(string permission) => permission switch
    {
        LeadsView => Messages.T("You cannot see leads in this workspace."),
        LeadsCreate => Messages.T("You cannot create leads in this workspace."),
        LeadsEdit => Messages.T("You cannot edit leads in this workspace."),
        LeadsDelete => Messages.T("Only managers and admins can delete and restore leads."),
        SettingsView => Messages.T("You cannot see this workspace's settings."),
        SettingsAdmin => Messages.T("Only admins can change this workspace's settings."),
        ApiTokensManage => Messages.T("Only admins, signed in, manage API tokens."),
        _ => Messages.T("You cannot do that here."),
    };
}
