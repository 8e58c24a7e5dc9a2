using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Tests.Core;

public sealed class PermissionsTests
{
    [Theory]
    [InlineData(WorkspaceRole.SalesRep, "leads.view leads.create leads.edit settings.view")]
    [InlineData(WorkspaceRole.Manager, "leads.view leads.create leads.edit leads.delete settings.view")]
    [InlineData(WorkspaceRole.Admin, "leads.view leads.create leads.edit leads.delete settings.view settings.admin api-tokens.manage")]
    public void EachRole_IsGrantedExactlyItsPermissions(WorkspaceRole role, string granted)
    {
        var actual = Permissions.All.Where(p => Permissions.IsGranted(role, p));

        Assert.Equal(granted.Split(' '), actual);
    }

    [Theory]
    [InlineData("leads:read", "leads.view")]
    [InlineData("leads:write", "leads.view leads.create leads.edit leads.delete")]
    [InlineData("settings:read", "settings.view")]
    [InlineData("settings:write", "settings.view settings.admin")]
    public void EachTokenScope_GrantsExactlyItsPermissions_AndNoneMintsTokens(string scope, string granted)
    {
        var actual = ApiScopes.PermissionsOf([scope]);

        Assert.Equal(granted.Split(' ').Order(), actual.Order());
        Assert.DoesNotContain(Permissions.ApiTokensManage, ApiScopes.PermissionsOf(ApiScopes.All));
    }

    [Fact]
    public void UnknownPermissions_AreNeverGranted() =>
        Assert.False(Permissions.IsGranted(WorkspaceRole.Admin, "leads.everything"));
}
