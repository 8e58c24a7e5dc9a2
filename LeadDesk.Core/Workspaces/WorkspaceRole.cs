namespace LeadDesk.Core.Workspaces;

public enum WorkspaceRole
{
    SalesRep = 0,
    Manager = 1,
    Admin = 2,
}
