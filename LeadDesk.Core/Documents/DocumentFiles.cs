using System.Linq.Expressions;
using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Documents;

/// <summary>
/// Deletes document files only once their rows are gone: <see cref="QueueAsync"/> in the write transaction that deletes
/// the rows, <see cref="DeleteQueuedAsync"/> after it commits. A file whose document row still exists is never deleted.
/// </summary>
public sealed partial class DocumentFiles(LeadDeskDbContext db, DocumentStorage storage, TimeProvider clock, ILogger<DocumentFiles> logger)
{
    private const int BatchSize = 500;

    /// <summary>Queues the files of the documents (in the trash or not) that <paramref name="which"/> picks; their rows must be deleted in the same transaction.</summary>
    internal async Task QueueAsync(Expression<Func<LeadDocument, bool>> which, CancellationToken cancellationToken)
    {
        var ids = await db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(which).Select(d => d.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.DocumentFileDeletions.AddRange(ids.Select(id => new DocumentFileDeletion(id, now)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the current workspace's queued files and forgets them; returns how many were deleted. A file that cannot be
    /// deleted is logged and stays queued for the next trash purge.
    /// </summary>
    public async Task<int> DeleteQueuedAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        var failed = new List<Guid>();
        while (true)
        {
            var queued = await db.DocumentFileDeletions.AsNoTracking()
                .Where(q => !failed.Contains(q.DocumentId))
                .OrderBy(q => q.QueuedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (queued.Count == 0)
            {
                return deleted;
            }
            var ids = queued.Select(q => q.DocumentId).ToList();
            // Only a race (a lead restored while it was being purged) leaves a row behind: its file stays.
            var kept = (await db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
                .Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
            var done = new List<Guid>();
            foreach (var file in queued)
            {
                if (!kept.Contains(file.DocumentId))
                {
                    try
                    {
                        storage.Delete(file.WorkspaceId, file.DocumentId);
                        deleted++;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        LogNotDeleted(logger, file.DocumentId, ex);
                        failed.Add(file.DocumentId);
                        continue;
                    }
                }
                done.Add(file.DocumentId);
            }
            using (await db.EnterWriteAsync(cancellationToken))
            {
                await db.DocumentFileDeletions.Where(q => done.Contains(q.DocumentId)).ExecuteDeleteAsync(cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of deleted document {DocumentId} could not be deleted; the next trash purge tries again.")]
    private static partial void LogNotDeleted(ILogger logger, Guid documentId, Exception exception);
}
