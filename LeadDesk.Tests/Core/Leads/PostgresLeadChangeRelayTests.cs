using System.Collections.Concurrent;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>Two nodes on one PostgreSQL database: a change saved on one reaches the pages open on the other.</summary>
public sealed class PostgresLeadChangeRelayTests
{
    [Fact]
    public async Task ANoticeOnOneNode_ReachesTheOtherNode_AndIsNotEchoedBack()
    {
        if (!TestDatabase.UsesPostgres)
        {
            return; // LISTEN/NOTIFY is PostgreSQL's; one SQLite node has no one to tell
        }
        await using var fixture = await CoreFixture.MigratedAsync();
        var workspace = Guid.CreateVersion7();
        using var first = new Node(fixture.ConnectionString, workspace);
        using var second = new Node(fixture.ConnectionString, workspace);
        await first.StartAsync();
        await second.StartAsync();
        var lead = Guid.CreateVersion7();
        var many = Enumerable.Range(0, PostgresLeadChangeRelay.MaxLeadIds + 1).Select(_ => Guid.CreateVersion7()).ToList();

        // The other node may still be connecting: tell again until it hears (a notice is a hint, and one may be missed).
        var published = 0;
        await WaitUntilAsync(() =>
        {
            first.Notifier.Publish(new LeadsChanged(workspace, [lead], null));
            published++;
            return !second.Heard.IsEmpty;
        });
        second.Notifier.Publish(new LeadsChanged(workspace, many, null));
        await WaitUntilAsync(() => first.Heard.Count > published);
        await Task.Delay(300);

        var fromFirst = second.Heard.Where(n => n.LeadIds.Count != many.Count).ToList();
        Assert.NotEmpty(fromFirst);
        Assert.All(fromFirst, notice => Assert.Equal(workspace, notice.WorkspaceId));
        Assert.All(fromFirst, notice => Assert.Equal([lead], notice.LeadIds));
        // Its own notices once each (from itself, not echoed back), and the other's big one naming no leads.
        Assert.Equal(published + 1, first.Heard.Count);
        Assert.Single(first.Heard, n => n.LeadIds.Count == 0);
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task A_burst_of_notices_arrives_whole_and_in_order()
    {
        if (!TestDatabase.UsesPostgres)
        {
            return;
        }
        await using var fixture = await CoreFixture.MigratedAsync();
        var workspace = Guid.CreateVersion7();
        using var first = new Node(fixture.ConnectionString, workspace);
        using var second = new Node(fixture.ConnectionString, workspace);
        await first.StartAsync();
        await second.StartAsync();
        var probe = Guid.CreateVersion7();
        await WaitUntilAsync(() =>
        {
            first.Notifier.Publish(new LeadsChanged(workspace, [probe], null));
            return !second.Heard.IsEmpty;
        });
        second.Heard.Clear();

        // A bulk change across many leads, as a burst: more than one batch of notices.
        var leads = Enumerable.Range(0, 450).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var lead in leads)
        {
            first.Notifier.Publish(new LeadsChanged(workspace, [lead], null));
        }
        await WaitUntilAsync(() => second.Heard.Count(n => n.LeadIds.First() != probe) >= leads.Count);

        Assert.Equal(leads, second.Heard.Where(n => n.LeadIds.First() != probe).Select(n => n.LeadIds.First()));
        await first.StopAsync();
        await second.StopAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "no notice within 10 s");
            await Task.Delay(100);
        }
    }

    /// <summary>A node: its own notifier with a page listening to <c>workspace</c>, and its relay.</summary>
    private sealed class Node : IDisposable
    {
        private readonly PostgresLeadChangeRelay _relay;
        private readonly IDisposable _page;

        public Node(string connectionString, Guid workspace)
        {
            Notifier = new LeadChangeNotifier(NullLogger<LeadChangeNotifier>.Instance);
            _page = Notifier.Subscribe(workspace, Heard.Enqueue);
            _relay = new PostgresLeadChangeRelay(Notifier, connectionString, NullLogger<PostgresLeadChangeRelay>.Instance);
        }

        public LeadChangeNotifier Notifier { get; }
        public ConcurrentQueue<LeadsChanged> Heard { get; } = new();

        public Task StartAsync() => _relay.StartAsync(CancellationToken.None);

        public Task StopAsync() => _relay.StopAsync(CancellationToken.None);

        public void Dispose()
        {
            _page.Dispose();
            _relay.Dispose();
        }
    }
}
