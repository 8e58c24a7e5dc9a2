using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Components.Shared;

public static class RoleLabels
{
    public static string For(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Admin => "Admin",
        WorkspaceRole.Manager => "Manager",
        _ => "Sales rep",
    };
}
