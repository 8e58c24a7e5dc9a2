using LeadDesk.Core.Workspaces;

namespace LeadDesk.Tests.Core;

public sealed class PermissionsTests
{
    [Theory]
    [InlineData(WorkspaceRole.SalesRep, "leads.view leads.create leads.edit settings.view")]
    [InlineData(WorkspaceRole.Manager, "leads.view leads.create leads.edit leads.delete settings.view")]
    [InlineData(WorkspaceRole.Admin, "leads.view leads.create leads.edit leads.delete settings.view settings.admin")]
    public void EachRole_IsGrantedExactlyItsPermissions(WorkspaceRole role, string granted)
    {
        var actual = Permissions.All.Where(p => Permissions.IsGranted(role, p));

        Assert.Equal(granted.Split(' '), actual);
    }

    [Fact]
    public void UnknownPermissions_AreNeverGranted() =>
        Assert.False(Permissions.IsGranted(WorkspaceRole.Admin, "leads.everything"));
}
