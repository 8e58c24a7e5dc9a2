using System.Threading.Channels;
using LeadDesk.Core.Data;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadDesk.Core.Leads;

/// <param name="Created">False when a lead with the same email or phone already existed (seed 001): that lead is returned.</param>
public sealed record CaptureResult(LeadDetails Lead, bool Created);

/// <summary>
/// The capture API's writer. Leads posted at the same moment are checked for duplicates and written
/// together, in one transaction per batch (group commit): SQLite takes one writer at a time, and a
/// transaction per lead would cap capture at the rate of commits. Each caller still gets its own
/// answer — its lead, the existing lead, or its own validation error.
/// </summary>
public sealed class LeadCapture(IServiceScopeFactory scopes) : BackgroundService
{
    public const int MaxBatch = 100;

    private sealed record Item(Guid WorkspaceId, Guid? TokenId, NewLead Lead, TaskCompletionSource<CaptureResult> Done);

    private static readonly HashSet<string> Permissions = [Workspaces.Permissions.LeadsView, Workspaces.Permissions.LeadsCreate];

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private volatile bool _running;

    public async Task<CaptureResult> CaptureAsync(Guid workspaceId, Guid? tokenId, NewLead lead, CancellationToken cancellationToken = default)
    {
        var item = new Item(workspaceId, tokenId, lead, new TaskCompletionSource<CaptureResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_running)
        {
            // No host running the writer (a job, a test): write it here, alone.
            await WriteAsync([item], cancellationToken);
        }
        else
        {
            await _queue.Writer.WriteAsync(item, cancellationToken);
        }
        return await item.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        var batch = new List<Item>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                foreach (var group in batch.GroupBy(i => (i.WorkspaceId, i.TokenId)))
                {
                    await WriteAsync([.. group], stoppingToken);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private async Task WriteAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = Scope(items[0]);
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<LeadDeskDbContext>();
            var leads = services.GetRequiredService<LeadService>();
            var phoneRegion = await services.GetRequiredService<PhoneRegions>().CurrentAsync(cancellationToken);

            var known = await KnownContactsAsync(db, items, phoneRegion, cancellationToken);
            var added = new List<(Item Item, Lead Lead)>();
            var sameAs = new Dictionary<Item, Item>();
            var claimed = new Dictionary<string, Item>(StringComparer.Ordinal);
            var existing = new Dictionary<Item, Guid>();
            foreach (var item in items)
            {
                var contacts = Contacts(item.Lead, phoneRegion);
                if (contacts.Select(c => known.GetValueOrDefault(c)).FirstOrDefault(id => id != Guid.Empty) is var id && id != Guid.Empty)
                {
                    existing[item] = id;
                }
                else if (contacts.Select(claimed.GetValueOrDefault).FirstOrDefault(other => other is not null) is { } first)
                {
                    sameAs[item] = first; // the same person twice in one batch: one lead
                }
                else
                {
                    try
                    {
                        added.Add((item, await leads.AddAsync(item.Lead, cancellationToken)));
                        contacts.ForEach(c => claimed[c] = item);
                    }
                    catch (Exception ex)
                    {
                        item.Done.TrySetException(ex);
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);

            // New leads are answered from what was written; only leads that already existed are read back.
            var details = (await leads.GetManyAsync([.. existing.Values.Distinct()], cancellationToken)).ToDictionary(d => d.Id);
            foreach (var (_, lead) in added)
            {
                details[lead.Id] = await leads.WrittenAsync(lead, cancellationToken);
            }
            var createdBy = added.ToDictionary(a => a.Item, a => a.Lead.Id);
            foreach (var (item, lead) in added)
            {
                item.Done.TrySetResult(new CaptureResult(details[lead.Id], true));
            }
            foreach (var (item, id) in existing)
            {
                item.Done.TrySetResult(new CaptureResult(details[id], false));
            }
            foreach (var (item, first) in sameAs)
            {
                item.Done.TrySetResult(new CaptureResult(details[createdBy[first]], false));
            }
        }
        catch (Exception) when (items.Count > 1)
        {
            // One bad lead must not fail its neighbours: write them one at a time, each getting its own outcome.
            foreach (var item in items.Where(i => !i.Done.Task.IsCompleted))
            {
                await WriteAsync([item], cancellationToken);
            }
        }
        catch (Exception ex)
        {
            items[0].Done.TrySetException(ex);
        }
    }

    private AsyncServiceScope Scope(Item item)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetMachine(item.WorkspaceId, item.TokenId, Permissions);
        return scope;
    }

    private static List<string> Contacts(NewLead lead, string phoneRegion) =>
        new[] { ContactNormalizer.IsValidEmail(lead.Email) ? "e:" + ContactNormalizer.Email(lead.Email) : null, PhoneFormat.ToE164(lead.Phone, phoneRegion) is { } phone ? "p:" + phone : null }
            .OfType<string>().ToList();

    // Two indexed lookups for the whole batch: which of these emails and phones are already leads.
    private static async Task<Dictionary<string, Guid>> KnownContactsAsync(LeadDeskDbContext db, IReadOnlyList<Item> items, string phoneRegion, CancellationToken cancellationToken)
    {
        var contacts = items.SelectMany(i => Contacts(i.Lead, phoneRegion)).Distinct().ToList();
        var emails = contacts.Where(c => c.StartsWith("e:", StringComparison.Ordinal)).Select(c => c[2..]).ToList();
        var phones = contacts.Where(c => c.StartsWith("p:", StringComparison.Ordinal)).Select(c => c[2..]).ToList();
        var known = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (emails.Count > 0)
        {
            foreach (var hit in await db.Leads.AsNoTracking().Where(l => emails.Contains(l.Email!)).Select(l => new { l.Id, l.Email }).ToListAsync(cancellationToken))
            {
                known.TryAdd("e:" + hit.Email, hit.Id);
            }
        }
        if (phones.Count > 0)
        {
            foreach (var hit in await db.Leads.AsNoTracking().Where(l => phones.Contains(l.Phone!)).Select(l => new { l.Id, l.Phone }).ToListAsync(cancellationToken))
            {
                known.TryAdd("p:" + hit.Phone, hit.Id);
            }
        }
        return known;
    }
}
