using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>What to do when a new lead's email or phone is already a lead's.</summary>
public enum DuplicateRule
{
    /// <summary>Seed 001's capture rule (the capture API, web forms): answer with the existing lead; create nothing.</summary>
    UseExisting,
    /// <summary>The new-lead page: refuse, so the person can open the existing lead or confirm.</summary>
    RefuseKnown,
    /// <summary>Create it anyway: the page's confirmed "create it anyway" and the native API (seed 004's callers check first).</summary>
    Allow,
}

/// <param name="Created">False when a lead with the same email or phone existed and <see cref="LeadId"/> is that lead.</param>
public sealed record IntakeResult(Guid LeadId, bool Created);

/// <summary>
/// The one duplicate rule of every entry point that creates leads, enforced by the database: inside a write transaction,
/// a lead's contacts are locked before they are looked up, so no other request — on this node or another, through any
/// entry point — can add a lead with the same email or phone until this one commits. On SQLite the write transaction
/// already keeps every other writer out (in any process); on PostgreSQL each contact takes a transaction-scoped
/// advisory lock.
/// </summary>
public sealed class LeadIntake(LeadDeskDbContext db, LeadService leads, DuplicateFinder duplicates)
{
    public static string KnownContactMessage => Messages.T("A lead with this email or phone already exists. Open it, or tick \"Create it anyway\".");

    /// <summary>Adds the lead under <paramref name="rule"/>, in the write transaction already open or in one of its own.</summary>
    public Task<IntakeResult> AddAsync(NewLead input, DuplicateRule rule, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async () =>
        {
            if (rule != DuplicateRule.Allow)
            {
                await LockContactsAsync(await duplicates.ContactKeysAsync(input.Email, input.Phone, cancellationToken), cancellationToken);
                if (await duplicates.ExistingAsync(input.Email, input.Phone, cancellationToken) is { } existing)
                {
                    return rule == DuplicateRule.UseExisting
                        ? new IntakeResult(existing, false)
                        : throw Validation.Error(nameof(NewLead.Email), KnownContactMessage);
                }
            }
            return new IntakeResult(await leads.CreateAsync(input, cancellationToken), true);
        }, cancellationToken);

    /// <summary>
    /// Holds <paramref name="contactKeys"/> (<see cref="DuplicateFinder.ContactKeys"/>) of the current workspace until the open
    /// write transaction ends. Locks are taken in one order, so two batches sharing contacts cannot deadlock.
    /// </summary>
    public async Task LockContactsAsync(IEnumerable<string> contactKeys, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Contacts are locked inside a write transaction (BeginWriteAsync or WriteAsync).");
        }
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        var ids = contactKeys.Select(key => LockId(db.CurrentWorkspaceId, key)).Distinct().Order().ToArray();
        if (ids.Length > 0)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest({0}) AS k ORDER BY k) AS keys", [ids], cancellationToken);
        }
    }

    // 64 bits of SHA-256: a collision only makes two unrelated captures wait for each other, never merges them.
    private static long LockId(Guid workspaceId, string contactKey) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"lead-contact:{workspaceId}:{contactKey}")));
}
