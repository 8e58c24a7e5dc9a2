using System.Threading.Channels;
using LeadDesk.Core.Data;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadDesk.Core.Leads;

/// <param name="Created">False when a lead with the same email or phone already existed (seed 001): that lead is returned.</param>
public sealed record CaptureResult(LeadDetails Lead, bool Created);

/// <summary>
/// The answer to an <c>Idempotency-Key</c>'s request, recorded in the capture's own transaction: <paramref name="Render"/>
/// turns the result into the status and body the client gets (and a retry replays).
/// </summary>
public sealed record IdempotentAnswer(Guid RecordId, Func<CaptureResult, (int StatusCode, string Body)> Render);

/// <summary>
/// The capture API's writer. Leads posted at the same moment are checked for duplicates and written
/// together, in one transaction per batch (group commit): SQLite takes one writer at a time, and a
/// transaction per lead would cap capture at the rate of commits. Each caller still gets its own
/// answer — its lead, the existing lead, or its own validation error. The batch follows the one duplicate
/// rule (<see cref="LeadIntake"/>): its contacts are locked before they are looked up.
/// </summary>
public sealed class LeadCapture(IServiceScopeFactory scopes) : BackgroundService
{
    public const int MaxBatch = 100;

    private sealed record Item(Guid WorkspaceId, Guid? TokenId, NewLead Lead, IdempotentAnswer? Answer, TaskCompletionSource<CaptureResult> Done);

    private static readonly HashSet<string> Permissions = [Workspaces.Permissions.LeadsView, Workspaces.Permissions.LeadsCreate];

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private volatile bool _running;

    public async Task<CaptureResult> CaptureAsync(Guid workspaceId, Guid? tokenId, NewLead lead, IdempotentAnswer? answer = null,
        CancellationToken cancellationToken = default)
    {
        var item = new Item(workspaceId, tokenId, lead, answer, new TaskCompletionSource<CaptureResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Set here, not in ExecuteAsync, which .NET starts on the thread pool: every post from now on queues for the writer.
        _running = true;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            var results = new List<(Item Item, CaptureResult Result)>();
            var phoneRegion = await services.GetRequiredService<PhoneRegions>().CurrentAsync(cancellationToken);
            await using (var transaction = await db.BeginWriteAsync(cancellationToken))
            {
                var contacts = items.ToDictionary(i => i, i => DuplicateFinder.ContactKeys(i.Lead.Email, i.Lead.Phone, phoneRegion));
                var keys = contacts.Values.SelectMany(k => k).Distinct().ToList();
                await services.GetRequiredService<LeadIntake>().LockContactsAsync(keys, cancellationToken);
                var known = await services.GetRequiredService<DuplicateFinder>().ExistingAsync(keys, cancellationToken);

                var added = new List<(Item Item, Lead Lead)>();
                var sameAs = new Dictionary<Item, Item>();
                var claimed = new Dictionary<string, Item>(StringComparer.Ordinal);
                var existing = new Dictionary<Item, Guid>();
                foreach (var item in items)
                {
                    if (contacts[item].Select(c => known.GetValueOrDefault(c)).FirstOrDefault(id => id != Guid.Empty) is var id && id != Guid.Empty)
                    {
                        existing[item] = id;
                    }
                    else if (contacts[item].Select(claimed.GetValueOrDefault).FirstOrDefault(other => other is not null) is { } first)
                    {
                        sameAs[item] = first; // the same person twice in one batch: one lead
                    }
                    else
                    {
                        try
                        {
                            added.Add((item, await leads.AddAsync(item.Lead, cancellationToken)));
                            contacts[item].ToList().ForEach(c => claimed[c] = item);
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
                results.AddRange(added.Select(a => (a.Item, new CaptureResult(details[a.Lead.Id], true))));
                results.AddRange(existing.Select(e => (e.Key, new CaptureResult(details[e.Value], false))));
                results.AddRange(sameAs.Select(s => (s.Key, new CaptureResult(details[createdBy[s.Value]], false))));

                // Idempotency keys are completed in the same transaction as their leads: no lead without its answer.
                await services.GetRequiredService<IdempotencyStore>().CompleteAsync(
                    [.. results.Where(r => r.Item.Answer is not null).Select(r => Answer(r.Item.Answer!, r.Result))], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var (item, result) in results)
            {
                item.Done.TrySetResult(result);
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

    private static (Guid RecordId, int StatusCode, string Body) Answer(IdempotentAnswer answer, CaptureResult result)
    {
        var (status, body) = answer.Render(result);
        return (answer.RecordId, status, body);
    }

    private AsyncServiceScope Scope(Item item)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetMachine(item.WorkspaceId, item.TokenId, Permissions);
        return scope;
    }

}
