using System.Data.Common;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>A bulk change's "before" values are the leads as they are when it writes: no save lands in between.</summary>
public sealed class BulkConcurrencyTests
{
    /// <summary>Right after the bulk change has read its leads, saves another change to the first of them, elsewhere.</summary>
    private sealed class SaveAfterTheSnapshot(Func<Task> save) : DbCommandInterceptor
    {
        private int _fired;

        public Task? Saving { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(BulkLeadService.SnapshotTag, StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Saving = Task.Run(save, CancellationToken.None);
                // Long enough for the save to commit if nothing holds it back; the fix holds it until the bulk change commits.
                await Task.WhenAny(Saving, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
            }
            return result;
        }
    }

    [Fact]
    public async Task ASaveDuringABulkChange_WaitsForIt_SoTheHistoryChainsFromValueToValue()
    {
        CoreFixture? fixture = null;
        Guid leadId = default, workspaceId = default;
        var interceptor = new SaveAfterTheSnapshot(async () =>
        {
            await using var scope = fixture!.ScopeAs(workspaceId);
            var db = scope.Get<LeadDeskDbContext>();
            var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
            lead.Priority = LeadPriority.High;
            await db.SaveChangesAsync();
        });
        await using var created = await CoreFixture.MigratedAsync(services =>
            services.ConfigureDbContext<LeadDeskDbContext>(options => options.AddInterceptors(interceptor)));
        fixture = created;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        workspaceId = acme.WorkspaceId;
        leadId = await TestData.LeadAsync(fixture, acme, "Alice", l => l.Priority = LeadPriority.Low);

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().UpdateAsync([leadId], new BulkChanges { Priority = LeadPriority.Critical });
        }
        try
        {
            await interceptor.Saving!; // after the bulk change, its version is stale: a conflict
        }
        catch (ConflictException)
        {
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var db = read.Get<LeadDeskDbContext>();
        var final = (await db.Leads.SingleAsync(l => l.Id == leadId)).Priority;
        var changes = await db.LeadHistory.Where(h => h.LeadId == leadId && h.Field == nameof(Lead.Priority))
            .Select(h => new { h.OldValue, h.NewValue }).ToListAsync();
        var value = nameof(LeadPriority.Low);
        while (changes.FirstOrDefault(c => c.OldValue == value) is { } next)
        {
            changes.Remove(next);
            value = next.NewValue!;
        }
        Assert.Empty(changes); // every change starts where another ended
        Assert.Equal(final.ToString(), value);
    }
}
