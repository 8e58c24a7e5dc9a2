using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Trash;

/// <summary>What one purge deleted for good.</summary>
public sealed record PurgeResult(int Leads, int Notes, int Documents, int ProductLines, int Files)
{
    public static readonly PurgeResult None = new(0, 0, 0, 0, 0);

    public bool IsEmpty => this == None;

    public static PurgeResult operator +(PurgeResult a, PurgeResult b) =>
        new(a.Leads + b.Leads, a.Notes + b.Notes, a.Documents + b.Documents, a.ProductLines + b.ProductLines, a.Files + b.Files);
}

/// <summary>
/// Empties the trash of every workspace: leads deleted longer ago than the workspace's retention go for good with all their
/// parts and files (<see cref="LeadRemoval"/>), and so do notes, documents and product lines deleted that long ago. It
/// works in batches, each in its own write transaction, and deletes a batch's files only after it commits, so a failure
/// loses nothing and the next run carries on where this one stopped. Expired idempotency records go too.
/// </summary>
public sealed partial class TrashPurge(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<TrashPurge> logger)
{
    public async Task<PurgeResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = PurgeResult.None;
        foreach (var (workspaceId, days) in await WorkspacesAsync(cancellationToken))
        {
            try
            {
                total += await PurgeAsync(workspaceId, days, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One workspace's failure (the writer busy, a conflict with another node) must not hold up the others.
                LogWorkspaceFailed(logger, workspaceId, ex);
            }
        }
        return total;
    }

    private async Task<List<(Guid WorkspaceId, int Days)>> WorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var rows = await (
                from w in db.Workspaces.AsNoTracking()
                join s in db.LeadSettings.IgnoreQueryFilters() on w.Id equals s.WorkspaceId into settings
                from s in settings.DefaultIfEmpty()
                select new { w.Id, Days = (int?)s.TrashRetentionDays })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Days ?? Leads.LeadSettings.DefaultTrashRetentionDays))];
    }

    private async Task<PurgeResult> PurgeAsync(Guid workspaceId, int days, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Acting in the workspace keeps every query below inside it.
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetMachine(workspaceId, null, new HashSet<string>());
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<DocumentFiles>();
        var removal = scope.ServiceProvider.GetRequiredService<LeadRemoval>();
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var size = options.Value.PurgeBatchSize;

        var deletedFiles = await files.DeleteQueuedAsync(cancellationToken); // left by an earlier run that failed or crashed
        async Task<int> InBatchesAsync<T>(DbSet<T> set, Func<List<Guid>, Task> delete) where T : SoftDeletableEntity
        {
            var total = 0;
            List<Guid> ids;
            do
            {
                await using (var transaction = await db.BeginWriteAsync(cancellationToken))
                {
                    ids = await set.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
                        .Where(e => e.DeletedAt < cutoff && e.IsDeleted)
                        .OrderBy(e => e.DeletedAt)
                        .Select(e => EF.Property<Guid>(e, "Id"))
                        .Take(size)
                        .ToListAsync(cancellationToken);
                    if (ids.Count > 0)
                    {
                        await delete(ids);
                    }
                    await transaction.CommitAsync(cancellationToken);
                }
                total += ids.Count;
                deletedFiles += await files.DeleteQueuedAsync(cancellationToken);
            }
            while (ids.Count == size);
            return total;
        }
        Task<int> DeleteAsync<T>(DbSet<T> set, List<Guid> ids) where T : class =>
            set.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(e => ids.Contains(EF.Property<Guid>(e, "Id"))).ExecuteDeleteAsync(cancellationToken);

        var leads = await InBatchesAsync(db.Leads, ids => removal.RemoveAsync(ids, cancellationToken));
        var documents = await InBatchesAsync(db.LeadDocuments, async ids =>
        {
            await files.QueueAsync(d => ids.Contains(d.Id), cancellationToken);
            await DeleteAsync(db.LeadDocuments, ids);
        });
        var notes = await InBatchesAsync(db.LeadNotes, ids => DeleteAsync(db.LeadNotes, ids));
        var lines = await InBatchesAsync(db.LeadProducts, ids => DeleteAsync(db.LeadProducts, ids));
        // Idempotency records answer captures, which only ever match leads out of the trash, and expire after a day, the
        // shortest retention: by the time a lead is purged, every record that carried it has expired and goes here.
        await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PruneAsync(cancellationToken);
        return new PurgeResult(leads, notes, documents, lines, deletedFiles);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging the trash of workspace {WorkspaceId} failed; the next run carries on.")]
    private static partial void LogWorkspaceFailed(ILogger logger, Guid workspaceId, Exception exception);
}
