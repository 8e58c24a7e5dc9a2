using LeadDesk.Core.Workspaces;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Shared;

public static class RoleLabels
{
    public static string For(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin => T("Admin"),
        WorkspaceRole.Manager => T("Manager"),
        _ => T("Sales rep"),
    };
}
