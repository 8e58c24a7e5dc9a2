using System.Collections.Concurrent;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>The notices open pages live on: which leads of which workspace changed, told once the change is committed.</summary>
public sealed class LeadChangeNotifierTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task ASave_TellsTheWorkspacesSubscribers_WhichLeadsChanged_AndWho()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var other = await TestData.NewWorkspaceAsync(Fixture, "other");
        var admin = await TestData.MemberAsync(Fixture, acme, "admin", WorkspaceRole.Admin);
        var lead = await TestData.LeadAsync(Fixture, acme, "Heard");
        using var heard = Listen(acme);
        using var elsewhere = Listen(other);

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId, admin))
        {
            var db = scope.Get<LeadDeskDbContext>();
            (await db.Leads.SingleAsync(l => l.Id == lead)).Company = "Changed Co";
            await db.SaveChangesAsync();
        }

        var notice = Assert.Single(heard.Notices);
        Assert.Equal((acme.WorkspaceId, admin), (notice.WorkspaceId, notice.ByUserId));
        Assert.Equal([lead], notice.LeadIds);
        Assert.Empty(elsewhere.Notices);
    }

    [Fact]
    public async Task AChangeToALeadsPart_IsAChangeOfTheLead()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var lead = await TestData.LeadAsync(Fixture, acme, "Noted");
        using var heard = Listen(acme);

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<NoteService>().AddAsync(lead, "Called, wants a demo");
        }

        Assert.Equal([lead], Assert.Single(heard.Notices).LeadIds);
    }

    [Fact]
    public async Task InATransaction_TheNoticeWaitsForTheCommit_AndAnUncommittedOneSaysNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var kept = await TestData.LeadAsync(Fixture, acme, "Kept");
        var undone = await TestData.LeadAsync(Fixture, acme, "Undone");
        using var heard = Listen(acme);
        int beforeCommit;

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            await using (var transaction = await db.BeginWriteAsync())
            {
                (await db.Leads.SingleAsync(l => l.Id == undone)).Company = "Never";
                await db.SaveChangesAsync();
            } // disposed without a commit: rolled back
            db.ChangeTracker.Clear();
            await using (var transaction = await db.BeginWriteAsync())
            {
                (await db.Leads.SingleAsync(l => l.Id == kept)).Company = "Kept Co";
                await db.SaveChangesAsync();
                beforeCommit = heard.Notices.Count;
                await transaction.CommitAsync();
            }
        }

        Assert.Equal(0, beforeCommit);
        Assert.Equal([kept], Assert.Single(heard.Notices).LeadIds);
    }

    [Fact]
    public async Task ABulkChange_IsOneNotice_ForEveryLeadItChanged()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var first = await TestData.LeadAsync(Fixture, acme, "First");
        var second = await TestData.LeadAsync(Fixture, acme, "Second");
        using var heard = Listen(acme);

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([first, second], new BulkChanges { Priority = LeadPriority.Critical });
        }

        Assert.Equal([first, second], Assert.Single(heard.Notices).LeadIds.Order());
    }

    [Fact]
    public async Task AFailingSubscriber_DoesNotFailTheSave_NorKeepOthersFromHearing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var lead = await TestData.LeadAsync(Fixture, acme, "Sturdy");
        using var failing = Fixture.Services.GetRequiredService<LeadChangeNotifier>().Subscribe(acme.WorkspaceId, _ => throw new InvalidOperationException("page gone"));
        using var heard = Listen(acme);

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            (await db.Leads.SingleAsync(l => l.Id == lead)).Company = "Still saved";
            await db.SaveChangesAsync();
        }

        Assert.Single(heard.Notices);
        await using var read = Fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal("Still saved", await read.Get<LeadDeskDbContext>().Leads.Where(l => l.Id == lead).Select(l => l.Company).SingleAsync());
    }

    [Fact]
    public async Task AfterDisposing_ASubscriberHearsNothing()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var lead = await TestData.LeadAsync(Fixture, acme, "Quiet");
        var heard = Listen(acme);
        heard.Dispose();

        await using (var scope = Fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.Get<LeadDeskDbContext>();
            (await db.Leads.SingleAsync(l => l.Id == lead)).Company = "Unheard";
            await db.SaveChangesAsync();
        }

        Assert.Empty(heard.Notices);
    }

    private Listener Listen(WorkspaceSeed workspace) => new(Fixture.Services.GetRequiredService<LeadChangeNotifier>(), workspace.WorkspaceId);

    private sealed class Listener : IDisposable
    {
        private readonly ConcurrentQueue<LeadsChanged> _notices = new();
        private readonly IDisposable _subscription;

        public Listener(LeadChangeNotifier notifier, Guid workspaceId) => _subscription = notifier.Subscribe(workspaceId, _notices.Enqueue);

        public IReadOnlyList<LeadsChanged> Notices => [.. _notices];

        public void Dispose() => _subscription.Dispose();
    }
}
