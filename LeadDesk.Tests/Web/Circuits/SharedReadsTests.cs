using LeadDesk.Core.Leads;
using LeadDesk.Web.Circuits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The open pages refreshing after one change share one read of the same rows, and only then.</summary>
public sealed class SharedReadsTests
{
    private static readonly Guid Workspace = Guid.NewGuid();
    private readonly LeadChangeNotifier _notifier = new(NullLogger<LeadChangeNotifier>.Instance);
    private readonly FakeTimeProvider _clock = new();
    private readonly SharedReads _shared;
    private int _reads;

    public SharedReadsTests() => _shared = new SharedReads(_notifier, _clock);

    [Fact]
    public async Task RefreshesAfterTheSameChange_OfTheSameRowsForTheSameReader_ReadOnce()
    {
        var filter = new LeadFilter { Status = LeadStatus.Open };

        var first = await _shared.ReadAsync(Workspace, "Admin", filter, ReadAsync);
        var second = await _shared.ReadAsync(Workspace, "Admin", filter with { }, ReadAsync);

        Assert.Equal((1, 1, 1), (_reads, first, second));
    }

    [Fact]
    public async Task ReadsRunningTogether_ShareOneRead()
    {
        var gate = new TaskCompletionSource<int>();
        var calls = 0;
        Func<Task<int>> slow = () =>
        {
            calls++;
            return gate.Task;
        };

        var first = _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), slow);
        var second = _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), slow);
        gate.SetResult(42);

        var results = await Task.WhenAll(first, second);

        Assert.Equal([42, 42], results);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AReadBegunAfterTheNextChange_ReadsAgain()
    {
        await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync);

        _notifier.Publish(new LeadsChanged(Workspace, [Guid.NewGuid()], null));
        var after = await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync);

        Assert.Equal((2, 2), (_reads, after));
    }

    [Fact]
    public async Task AnotherReader_AnotherFilter_AnotherKindOfRows_OrAnotherWorkspace_ReadsItsOwn()
    {
        var filter = new LeadFilter { Owner = LeadFilter.OwnerMe };
        await _shared.ReadAsync(Workspace, "SalesRep:" + Guid.NewGuid(), filter, ReadAsync);

        await _shared.ReadAsync(Workspace, "SalesRep:" + Guid.NewGuid(), filter, ReadAsync);
        await _shared.ReadAsync(Workspace, "Admin", filter with { Owner = LeadFilter.OwnerNone }, ReadAsync);
        await _shared.ReadAsync(Workspace, "Admin", new LeadListQuery { Owner = LeadFilter.OwnerNone }, ReadAsync);
        await _shared.ReadAsync(Workspace, "Admin", new LeadFilter { Owner = LeadFilter.OwnerNone }, () => Task.FromResult("a page"));
        await _shared.ReadAsync(Guid.NewGuid(), "Admin", filter with { Owner = LeadFilter.OwnerNone }, ReadAsync);

        Assert.Equal(5, _reads);
    }

    [Fact]
    public async Task AFailedRead_IsNotShared_TheNextOneTriesAgain()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => _shared.ReadAsync<int>(Workspace, "Admin", new LeadFilter(), () => throw new TimeoutException()));

        Assert.Equal(1, await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync));
    }

    [Fact]
    public async Task AReadServesLatecomers_ForItsLifetimeOnly()
    {
        await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync);
        _clock.Advance(SharedReads.Lifetime - TimeSpan.FromSeconds(1));
        await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync);
        Assert.Equal(1, _reads);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _shared.ReadAsync(Workspace, "Admin", new LeadFilter(), ReadAsync);

        Assert.Equal(2, _reads);
    }

    private Task<int> ReadAsync() => Task.FromResult(++_reads);
}
