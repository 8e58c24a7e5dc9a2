using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Data;

/// <summary>
/// Every write goes through here: on SQLite it holds the process's write gate (<see cref="SqliteWriteGate"/>) for exactly
/// as long as it writes, and a collision with another writer comes back as a <see cref="ConflictException"/> (409), never
/// as a provider error.
/// </summary>
public partial class LeadDeskDbContext
{
    private IDisposable? _write;

    /// <summary>True while this context may write on SQLite (it holds the gate); always true on PostgreSQL.</summary>
    internal bool HoldsWriteGate => _writeGate is null || _write is not null;

    /// <summary>
    /// Enters the single-writer path for writes that are not a <c>SaveChanges</c> (raw SQL, ANALYZE, migrations). Dispose
    /// the result to leave it. Re-entering while this context already holds the gate is a no-op.
    /// </summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken = default) =>
        HoldsWriteGate ? NoWrite.Instance : Hold(await _writeGate!.EnterAsync(cancellationToken));

    /// <summary>
    /// A transaction for a write of several steps (read, decide, write, write…). On SQLite it holds the write gate from
    /// the first statement to commit or rollback and begins <c>IMMEDIATE</c>, so what it reads cannot change before it writes.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this context; join it with WriteAsync.");
        }
        var write = await EnterWriteAsync(cancellationToken);
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), write);
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it, or joins the transaction already open.</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Applies the migrations on the single-writer path.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var write = await EnterWriteAsync(cancellationToken);
        await Database.MigrateAsync(cancellationToken);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var write = await EnterWriteAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw await ConflictAsync(ex, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex) || DatabaseErrors.IsCollision(ex))
        {
            throw ConflictException.SameMoment();
        }
    }

    /// <summary>Only libraries save synchronously (the data-protection key store); they take the same gate.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using IDisposable write = HoldsWriteGate ? NoWrite.Instance : Hold(_writeGate!.Enter());
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex) || DatabaseErrors.IsCollision(ex))
        {
            throw ConflictException.SameMoment();
        }
    }

    /// <summary>
    /// A save whose UPDATE or DELETE found the row changed (its version moved on) or gone. For a lead, says what it
    /// is now and who saved it last.
    /// </summary>
    private async Task<ConflictException> ConflictAsync(DbUpdateConcurrencyException exception, CancellationToken cancellationToken)
    {
        var lead = exception.Entries.Select(e => e.Entity).OfType<Lead>().FirstOrDefault();
        if (lead is null)
        {
            return new ConflictException(Messages.T("Someone else changed or removed this at the same moment; reload and try again."));
        }
        var current = await (
                from l in Leads.IgnoreQueryFilters([SoftDeleteFilter]).AsNoTracking()
                where l.Id == lead.Id
                join u in Users on l.UpdatedById equals u.Id into editors
                from u in editors.DefaultIfEmpty()
                select new { l.Version, l.UpdatedAt, By = u.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        return current is null
            ? new ConflictException(Messages.T("Someone else removed this lead at the same moment."))
            : new ConflictException(Messages.T("Someone else saved this lead at the same moment."), current.Version, current.By, current.UpdatedAt);
    }

    private Held Hold(IDisposable lease)
    {
        _write = lease;
        return new Held(this, lease);
    }

    private sealed class Held(LeadDeskDbContext context, IDisposable lease) : IDisposable
    {
        public void Dispose()
        {
            context._write = null;
            lease.Dispose();
        }
    }

    private sealed class NoWrite : IDisposable
    {
        public static readonly NoWrite Instance = new();

        public void Dispose()
        {
        }
    }
}
