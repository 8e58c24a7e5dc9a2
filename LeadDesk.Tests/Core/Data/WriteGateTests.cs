using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Data;

/// <summary>The SQLite write gate: held exactly as long as a write, given back on every error path, never waited for forever.</summary>
public sealed class WriteGateTests
{
    [Fact]
    public async Task AWriteWaitingLongerThanTheTimeout_IsRefusedAsBusy_AndGoesThroughOnceTheWriterIsDone()
    {
        if (TestDatabase.UsesPostgres)
        {
            return; // PostgreSQL has no write gate
        }
        await using var fixture = await CoreFixture.MigratedAsync(new KeyValuePair<string, string?>("Database:WriteTimeoutSeconds", "0.3"));
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var lead = await TestData.LeadAsync(fixture, acme, "Alice");

        await using var holder = fixture.ScopeAs(acme.WorkspaceId);
        var holding = holder.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var transaction = await holding.BeginWriteAsync();

        await using var waiter = fixture.ScopeAs(acme.WorkspaceId);
        var waiting = waiter.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        (await waiting.Leads.SingleAsync(l => l.Id == lead)).Title = "CEO";
        await Assert.ThrowsAsync<DatabaseBusyException>(() => waiting.SaveChangesAsync());

        await transaction.DisposeAsync();
        await waiting.SaveChangesAsync();
        Assert.Equal("CEO", (await holding.Leads.AsNoTracking().SingleAsync(l => l.Id == lead)).Title);
    }

    [Fact]
    public async Task AFailedSave_GivesTheGateBack()
    {
        await using var fixture = await CoreFixture.MigratedAsync(new KeyValuePair<string, string?>("Database:WriteTimeoutSeconds", "2"));
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var lead = await TestData.LeadAsync(fixture, acme, "Alice");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var first = fixture.ScopeAs(acme.WorkspaceId);
            await using var second = fixture.ScopeAs(acme.WorkspaceId);
            var firstDb = first.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            var secondDb = second.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            var stale = await secondDb.Leads.SingleAsync(l => l.Id == lead);
            (await firstDb.Leads.SingleAsync(l => l.Id == lead)).Title = $"Title {attempt}";
            await firstDb.SaveChangesAsync();
            stale.Title = "Stale";
            await Assert.ThrowsAsync<ConflictException>(() => secondDb.SaveChangesAsync());
        }

        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        (await db.Leads.SingleAsync(l => l.Id == lead)).Title = "After the conflicts";
        await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ATransactionBegunOutsideTheGate_IsRefusedOnSqlite()
    {
        if (TestDatabase.UsesPostgres)
        {
            return;
        }
        await using var fixture = await CoreFixture.MigratedAsync();
        await using var scope = fixture.ScopeAs(null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.BeginTransactionAsync());
        Assert.Contains("BeginWriteAsync", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriteTransactionThatThrows_RollsBack_AndGivesTheGateBack()
    {
        await using var fixture = await CoreFixture.MigratedAsync(new KeyValuePair<string, string?>("Database:WriteTimeoutSeconds", "2"));
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var lead = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync<int>(async () =>
            {
                (await db.Leads.SingleAsync(l => l.Id == lead)).Title = "Half done";
                await db.SaveChangesAsync();
                throw new InvalidOperationException("the second step fails");
            }));
        }

        await using var after = fixture.ScopeAs(acme.WorkspaceId);
        var check = after.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        Assert.Null((await check.Leads.AsNoTracking().SingleAsync(l => l.Id == lead)).Title);
        (await check.Leads.SingleAsync(l => l.Id == lead)).Title = "Whole";
        await check.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
