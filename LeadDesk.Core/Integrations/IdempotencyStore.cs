using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Integrations;

public abstract record IdempotencyOutcome
{
    /// <summary>First time: handle the request, and complete the record in the same transaction as the work.</summary>
    public sealed record Proceed(Guid RecordId) : IdempotencyOutcome;

    /// <summary>Seen before: answer exactly this.</summary>
    public sealed record Replay(int StatusCode, string Body) : IdempotencyOutcome;
}

/// <summary>
/// Idempotency keys per workspace. A request claims its key (one commit, so a simultaneous retry is told to wait), then
/// does its work and completes the record in the work's own transaction: a lead is never written without its answer.
/// A claim whose request died before completing (a crash, a kill) is taken over by a retry after <see cref="ClaimTimeout"/>.
/// </summary>
public sealed class IdempotencyStore(LeadDeskDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Longer than any request may take to write (the write gate times out well before), so a live claim is never taken over.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    public async Task<IdempotencyOutcome> BeginAsync(string key, string method, string path, string body, CancellationToken cancellationToken = default)
    {
        if (key.Length is 0 or > IdempotencyRecord.KeyMaxLength)
        {
            throw Validation.Error("Idempotency-Key", Messages.T("An Idempotency-Key is 1 to {0} characters.", IdempotencyRecord.KeyMaxLength));
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{body}")));
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Lifetime;
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key && r.CreatedAt > since, cancellationToken);
        if (existing is null)
        {
            var record = new IdempotencyRecord(key, hash, now);
            try
            {
                await db.WriteAsync(async () =>
                {
                    // Expired keys of this workspace go first, so the unique index only holds live ones.
                    await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt <= since).ExecuteDeleteAsync(cancellationToken);
                    db.IdempotencyRecords.Add(record);
                    return await db.SaveChangesAsync(cancellationToken);
                }, cancellationToken);
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
            throw Validation.Error("Idempotency-Key", Messages.T("This Idempotency-Key was already used for a different request."));
        }
        if (existing.StatusCode != 0)
        {
            return new IdempotencyOutcome.Replay(existing.StatusCode, existing.ResponseBody ?? "");
        }
        return await TakeOverAsync(existing.Id, now, cancellationToken)
            ? new IdempotencyOutcome.Proceed(existing.Id)
            : throw new ConflictException(Messages.T("The first request with this Idempotency-Key is still being handled; retry in a moment."));
    }

    /// <summary>Records the answer; call it inside the transaction that did the work.</summary>
    public Task CompleteAsync(Guid recordId, int statusCode, string body, CancellationToken cancellationToken = default) =>
        CompleteAsync([(recordId, statusCode, body)], cancellationToken);

    /// <summary>Records several answers with one save (a batch of captures).</summary>
    public async Task CompleteAsync(IReadOnlyCollection<(Guid RecordId, int StatusCode, string Body)> answers, CancellationToken cancellationToken = default)
    {
        if (answers.Count == 0)
        {
            return;
        }
        var ids = answers.Select(a => a.RecordId).ToList();
        var records = await db.IdempotencyRecords.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var (recordId, statusCode, body) in answers)
        {
            records[recordId].Complete(statusCode, body);
        }
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
    public async Task AbandonAsync(Guid recordId, CancellationToken cancellationToken = default)
    {
        using var write = await db.EnterWriteAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.Id == recordId && r.StatusCode == 0).ExecuteDeleteAsync(cancellationToken);
    }

    // A pending claim older than the timeout belongs to a request that died: the first retry to restamp it owns it.
    private async Task<bool> TakeOverAsync(Guid recordId, DateTime now, CancellationToken cancellationToken)
    {
        var stale = now - ClaimTimeout;
        using var write = await db.EnterWriteAsync(cancellationToken);
        return await db.IdempotencyRecords
            .Where(r => r.Id == recordId && r.StatusCode == 0 && r.CreatedAt <= stale)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), cancellationToken) == 1;
    }
}
