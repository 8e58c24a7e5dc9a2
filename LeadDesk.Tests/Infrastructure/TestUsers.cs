using LeadDesk.Core.Accounts;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Infrastructure;

public static class TestUsers
{
    public const string Password = "correct-horse-42";

    public static async Task<Guid> CreateAsync(CoreFixture fixture, string email)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    public static async Task AddMemberAsync(CoreFixture fixture, Guid workspaceId, Guid userId, WorkspaceRole role)
    {
        await using var scope = fixture.ScopeAs(workspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        db.WorkspaceMembers.Add(new WorkspaceMember(userId, role));
        await db.SaveChangesAsync();
    }
}
