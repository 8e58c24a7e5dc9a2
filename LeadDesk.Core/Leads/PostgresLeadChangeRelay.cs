using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadDesk.Core.Leads;

/// <summary>
/// Carries <see cref="LeadChangeNotifier"/>'s notices between the nodes that share one PostgreSQL database: each node
/// sends its own with <c>pg_notify</c> and LISTENs for the others', so a page open on one node hears of a change saved
/// on another. A notice is a hint to read again, never data: one lost while the connection is down costs a refresh.
/// </summary>
public sealed partial class PostgresLeadChangeRelay(LeadChangeNotifier notifier, string connectionString, ILogger<PostgresLeadChangeRelay> logger)
    : BackgroundService
{
    public const string Channel = "leaddesk_lead_changes";

    /// <summary>Above this many leads a notice names none (PostgreSQL caps a payload at 8,000 bytes): "some leads changed".</summary>
    public const int MaxLeadIds = 100;

    /// <summary>Notices per round trip (each up to ~4 KB; PostgreSQL queues 8 GB of them).</summary>
    private const int MaxBatch = 200;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly Guid _node = Guid.CreateVersion7();
    private readonly Channel<LeadsChanged> _outbox = System.Threading.Channels.Channel.CreateBounded<LeadsChanged>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private sealed record Notice(Guid Node, Guid Workspace, Guid? By, Guid[] Leads);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Relay = change => _outbox.Writer.TryWrite(change);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepAsync(ListenAsync, stoppingToken), KeepAsync(SendAsync, stoppingToken));

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Relay = null;
        return base.StopAsync(cancellationToken);
    }

    private async Task KeepAsync(Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loop(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A background service that throws stops the host: log, wait, connect again.
                ConnectionLost(logger, ex);
                try
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => Receive(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    /// <summary>
    /// Sends what the outbox holds, a batch per round trip on one open connection: a bulk change or a busy node sends
    /// hundreds of notices a second, and one statement with many <c>pg_notify</c> calls costs what one costs.
    /// </summary>
    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        var payloads = new List<string>(MaxBatch);
        while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
        {
            payloads.Clear();
            while (payloads.Count < MaxBatch && _outbox.Reader.TryRead(out var change))
            {
                var leads = change.LeadIds.Count <= MaxLeadIds ? change.LeadIds.ToArray() : [];
                payloads.Add(JsonSerializer.Serialize(new Notice(_node, change.WorkspaceId, change.ByUserId, leads)));
            }
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) WITH ORDINALITY AS p(payload, n) ORDER BY n", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payloads", payloads.ToArray());
            await notify.ExecuteNonQueryAsync(stoppingToken);
        }
    }

    private void Receive(string payload)
    {
        Notice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<Notice>(payload);
        }
        catch (JsonException)
        {
            return; // not ours
        }
        if (notice is null || notice.Node == _node)
        {
            return; // this node told its own pages already
        }
        notifier.Deliver(new LeadsChanged(notice.Workspace, notice.Leads, notice.By));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PostgreSQL connection that carries lead changes between nodes failed; trying again in 5 s. Pages on other nodes refresh on the next change.")]
    private static partial void ConnectionLost(ILogger logger, Exception exception);
}
