using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Integrations;

public abstract record IdempotencyOutcome
{
    /// <summary>First time: handle the request, then <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    public sealed record Proceed(Guid RecordId) : IdempotencyOutcome;

    /// <summary>Seen before: answer exactly this.</summary>
    public sealed record Replay(int StatusCode, string Body) : IdempotencyOutcome;
}

/// <summary>Idempotency keys per workspace: claim before handling, record the answer after.</summary>
public sealed class IdempotencyStore(LeadDeskDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<IdempotencyOutcome> BeginAsync(string key, string method, string path, string body, CancellationToken cancellationToken = default)
    {
        if (key.Length is 0 or > IdempotencyRecord.KeyMaxLength)
        {
            throw Validation.Error("Idempotency-Key", $"An Idempotency-Key is 1 to {IdempotencyRecord.KeyMaxLength} characters.");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{body}")));
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Lifetime;
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key && r.CreatedAt > since, cancellationToken);
        if (existing is null)
        {
            var record = new IdempotencyRecord(key, hash, now);
            db.IdempotencyRecords.Add(record);
            try
            {
                // Expired keys of this workspace go first, so the unique index only holds live ones.
                await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt <= since).ExecuteDeleteAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyOutcome.Proceed(record.Id);
            }
            catch (ConflictException)
            {
                // Another request with the same key claimed it between our read and our write.
                db.Entry(record).State = EntityState.Detached;
                existing = await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.Key == key, cancellationToken);
            }
        }
        if (existing.RequestHash != hash)
        {
            throw Validation.Error("Idempotency-Key", "This Idempotency-Key was already used for a different request.");
        }
        return existing.StatusCode == 0
            ? throw new ConflictException("The first request with this Idempotency-Key is still being handled; retry in a moment.", 0)
            : new IdempotencyOutcome.Replay(existing.StatusCode, existing.ResponseBody ?? "");
    }

    public async Task CompleteAsync(Guid recordId, int statusCode, string body, CancellationToken cancellationToken = default)
    {
        var record = await db.IdempotencyRecords.FirstAsync(r => r.Id == recordId, cancellationToken);
        record.Complete(statusCode, body);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes the workspace's records past their lifetime: they only hold answers (with leads' personal data) by then.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var expired = clock.GetUtcNow().UtcDateTime - Lifetime;
        using var write = await db.EnterWriteAsync(cancellationToken);
        return await db.IdempotencyRecords.Where(r => r.CreatedAt <= expired).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A failed first attempt frees its key, so the client can retry it.</summary>
    public Task AbandonAsync(Guid recordId, CancellationToken cancellationToken = default) =>
        db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(cancellationToken);
}
