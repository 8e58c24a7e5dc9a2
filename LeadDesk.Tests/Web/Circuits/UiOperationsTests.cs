using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Auth;
using LeadDesk.Web.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>An interactive page's operations: each in its own scope, each with the membership read again.</summary>
public sealed class UiOperationsTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private UiOperations OperationsOf(Guid userId, Guid workspaceId, SharedReads? shared = null) =>
        new(database.Fixture.Services.GetRequiredService<IServiceScopeFactory>(), new ComponentContext.SignedIn(userId), new CircuitWorkspace { WorkspaceId = workspaceId },
            shared ?? NewNode());

    private SharedReads NewNode() => new(database.Fixture.Services.GetRequiredService<LeadChangeNotifier>(), TimeProvider.System);

    [Fact]
    public async Task EachOperation_ActsAsTheMember_WithItsOwnDbContext()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var operations = OperationsOf(rep, acme.WorkspaceId);

        var first = await operations.RunAsync(s => Task.FromResult((s.GetRequiredService<LeadDeskDbContext>(), s.GetRequiredService<ICurrentActor>().Role)));
        var second = await operations.RunAsync(s => Task.FromResult(s.GetRequiredService<LeadDeskDbContext>()));

        Assert.Equal(WorkspaceRole.SalesRep, first.Item2);
        Assert.NotSame(first.Item1, second);
    }

    [Fact]
    public async Task ARoleChange_TakesEffectOnTheNextOperation_AndARemovedMemberIsRefused()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var operations = OperationsOf(rep, acme.WorkspaceId);
        Assert.False(await operations.RunAsync(s => Task.FromResult(s.GetRequiredService<ICurrentActor>().Can(Permissions.LeadsDelete))));

        await ChangeMembershipAsync(acme, rep, (db, member) => member.Role = WorkspaceRole.Manager);
        Assert.True(await operations.RunAsync(s => Task.FromResult(s.GetRequiredService<ICurrentActor>().Can(Permissions.LeadsDelete))));

        await ChangeMembershipAsync(acme, rep, (db, member) => db.WorkspaceMembers.Remove(member));
        await Assert.ThrowsAsync<ForbiddenException>(() => operations.RunAsync(_ => Task.CompletedTask));
    }

    [Fact]
    public async Task TheCircuitsActorAndSession_AreFilledOnce_FromTheMembership()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var actor = new CurrentActor();
        var session = new WorkspaceSession();

        await OperationsOf(rep, acme.WorkspaceId).ActInCircuitAsync(actor, session);

        Assert.Equal((rep, acme.WorkspaceId, WorkspaceRole.SalesRep), (actor.UserId!.Value, actor.WorkspaceId!.Value, actor.Role!.Value));
        Assert.Equal(acme.WorkspaceId, session.Current?.WorkspaceId);
        Assert.Single(session.Workspaces);
    }

    [Fact]
    public async Task AWorkspaceTheUserIsNotAMemberOf_IsRefused()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var globex = await TestData.NewWorkspaceAsync(database.Fixture, "globex");
        var rep = await TestData.MemberAsync(database.Fixture, acme, "rep", WorkspaceRole.SalesRep);

        await Assert.ThrowsAsync<ForbiddenException>(() => OperationsOf(rep, globex.WorkspaceId).RunAsync(_ => Task.CompletedTask));
    }

    [Fact]
    public async Task ASharedRead_IsShared_AmongMembersOfTheSameRole_YetStillChecksEachMember()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var first = await TestData.MemberAsync(database.Fixture, acme, "first", WorkspaceRole.Manager);
        var second = await TestData.MemberAsync(database.Fixture, acme, "second", WorkspaceRole.Manager);
        var node = NewNode();
        var reads = 0;
        Task<int> ReadAsync(IServiceProvider _) => Task.FromResult(++reads);

        await OperationsOf(first, acme.WorkspaceId, node).ReadSharedAsync(new LeadFilter(), ReadAsync);
        Assert.Equal(1, await OperationsOf(second, acme.WorkspaceId, node).ReadSharedAsync(new LeadFilter(), ReadAsync));
        // "Mine" is not the same rows for two people.
        await OperationsOf(first, acme.WorkspaceId, node).ReadSharedAsync(new LeadFilter { Owner = LeadFilter.OwnerMe }, ReadAsync);
        Assert.Equal(3, await OperationsOf(second, acme.WorkspaceId, node).ReadSharedAsync(new LeadFilter { Owner = LeadFilter.OwnerMe }, ReadAsync));

        await ChangeMembershipAsync(acme, second, (db, member) => db.WorkspaceMembers.Remove(member));
        await Assert.ThrowsAsync<ForbiddenException>(() => OperationsOf(second, acme.WorkspaceId, node).ReadSharedAsync(new LeadFilter(), ReadAsync));
    }

    private async Task ChangeMembershipAsync(WorkspaceSeed workspace, Guid userId, Action<LeadDeskDbContext, WorkspaceMember> change)
    {
        await using var scope = database.Fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.Get<LeadDeskDbContext>();
        change(db, await db.WorkspaceMembers.SingleAsync(m => m.UserId == userId));
        await db.SaveChangesAsync();
    }
}
