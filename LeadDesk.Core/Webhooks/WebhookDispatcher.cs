using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Webhooks;

/// <summary>
/// Sends the outbox: POSTs each due delivery's JSON, signed with the subscription's secret
/// (<c>X-LeadDesk-Signature: sha256=HMAC(secret, timestamp + "." + body)</c>), and retries failures with growing waits.
/// </summary>
/// <remarks>
/// Subscriptions are served side by side, up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/> per node, so a slow
/// receiver holds up only itself. Each subscription has one sender at a time across all nodes — whoever holds its lease
/// (<see cref="WebhookSubscription.DispatchLockedUntil"/>) — which sends its due deliveries oldest first: a receiver gets
/// one request at a time, and first attempts in the order the events happened (a retry does not hold back later events).
/// </remarks>
public sealed partial class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory http, WebhookSecrets secrets, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : PeriodicJob(logger, clock)
{
    public const string HttpClientName = "webhooks";
    public const string RefusedAddress = "refused: private address";
    /// <summary>For every network failure alike: telling refused, unreachable and unknown hosts apart would map ports for whoever reads the log.</summary>
    public const string CouldNotConnect = "could not connect";
    public const string TimedOut = "timeout";
    public const string Paused = "The webhook was paused.";
    public const string UnreadableSecret = "signing secret unreadable (data-protection keys changed): delete and add the webhook again";

    // Subscription → this node's sender for it. Only the tick adds; it sweeps out finished senders at its start.
    private readonly ConcurrentDictionary<Guid, Task> _senders = new();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));

    protected override bool RunsAtStart => true;

    protected override bool Enabled => options.Value.Enabled;

    /// <summary>Starts a sender for each subscription with deliveries due that nobody is sending to, as far as there is room.</summary>
    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var (id, sender) in _senders)
        {
            if (sender.IsCompleted)
            {
                _senders.TryRemove(id, out _);
            }
        }
        var room = Math.Max(1, options.Value.MaxConcurrentDeliveries) - _senders.Count;
        if (room <= 0)
        {
            return;
        }
        var busy = _senders.Keys.ToList();
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var ready = await (
                from d in db.WebhookDeliveries.IgnoreQueryFilters()
                join s in db.WebhookSubscriptions.IgnoreQueryFilters() on d.SubscriptionId equals s.Id
                where d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now
                    && (s.DispatchLockedUntil == null || s.DispatchLockedUntil < now) && !busy.Contains(s.Id)
                group d by d.SubscriptionId into due
                orderby due.Min(d => d.NextAttemptAt)
                select due.Key)
            .Take(room)
            .ToListAsync(stoppingToken);
        foreach (var id in ready)
        {
            _senders[id] = Task.Run(() => SendDueAsync(id, stoppingToken), CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_senders.Values).WaitAsync(cancellationToken);
    }

    /// <summary>Holding the subscription's lease, sends its due deliveries oldest first until none is left.</summary>
    private async Task SendDueAsync(Guid subscriptionId, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            if (await LeaseAsync(db, subscriptionId, held: null, stoppingToken) is not { } lease)
            {
                return; // another node is sending to it
            }
            try
            {
                while (await SendOldestDueAsync(db, subscriptionId, stoppingToken))
                {
                    db.ChangeTracker.Clear();
                    // Renewed before it could run out during the next send: one that ran out may be someone else's now.
                    if (lease - Clock.GetUtcNow().UtcDateTime < SendTime * 2)
                    {
                        if (await LeaseAsync(db, subscriptionId, lease, stoppingToken) is not { } renewed)
                        {
                            return;
                        }
                        lease = renewed;
                    }
                }
            }
            finally
            {
                using (await db.EnterWriteAsync(CancellationToken.None))
                {
                    await db.WebhookSubscriptions.IgnoreQueryFilters()
                        .Where(s => s.Id == subscriptionId && s.DispatchLockedUntil == lease)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.DispatchLockedUntil, (DateTime?)null), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, subscriptionId, ex);
        }
    }

    private TimeSpan SendTime => TimeSpan.FromSeconds(options.Value.TimeoutSeconds);

    /// <summary>
    /// Sets the subscription's lease to three sends from now if it is <paramref name="held"/> (null: if nobody holds it);
    /// returns the new lease, or null when someone else holds it.
    /// </summary>
    private async Task<DateTime?> LeaseAsync(LeadDeskDbContext db, Guid subscriptionId, DateTime? held, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var until = now + SendTime * 3;
        // Whole milliseconds: the lease is compared to renew and give it back, and PostgreSQL keeps microseconds only.
        until = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond));
        var subscription = db.WebhookSubscriptions.IgnoreQueryFilters().Where(s => s.Id == subscriptionId);
        subscription = held is { } mine
            ? subscription.Where(s => s.DispatchLockedUntil == mine)
            : subscription.Where(s => s.DispatchLockedUntil == null || s.DispatchLockedUntil < now);
        using (await db.EnterWriteAsync(cancellationToken))
        {
            return await subscription.ExecuteUpdateAsync(s => s.SetProperty(x => x.DispatchLockedUntil, until), cancellationToken) == 1 ? until : null;
        }
    }

    /// <summary>Sends the subscription's oldest due delivery and records how it went; false when none is due.</summary>
    private async Task<bool> SendOldestDueAsync(LeadDeskDbContext db, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var next = await (
                from d in db.WebhookDeliveries.IgnoreQueryFilters()
                join s in db.WebhookSubscriptions.IgnoreQueryFilters() on d.SubscriptionId equals s.Id
                where d.SubscriptionId == subscriptionId && d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now
                orderby d.NextAttemptAt, d.CreatedAt
                select new { Delivery = d, Subscription = s })
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return false;
        }
        var (delivery, subscription) = (next.Delivery, next.Subscription);
        if (!subscription.IsActive)
        {
            delivery.GaveUpAt = now;
            delivery.LastError = Paused;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        var (status, error) = await PostAsync(subscription, delivery, cancellationToken);
        now = Clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastStatusCode = status;
        delivery.LastError = error is null ? null : error.Length <= WebhookDelivery.ErrorMaxLength ? error : error[..WebhookDelivery.ErrorMaxLength];
        subscription.LastAttemptAt = now;
        subscription.LastStatus = status is { } code ? code.ToString(CultureInfo.InvariantCulture) : error is null ? null : error.Length <= 100 ? error : error[..100];
        if (status is >= 200 and < 300)
        {
            delivery.DeliveredAt = now;
            subscription.LastSuccessAt = now;
        }
        else
        {
            var delays = options.Value.RetryDelays;
            if (delivery.Attempts > delays.Count)
            {
                delivery.GaveUpAt = now;
            }
            else
            {
                delivery.NextAttemptAt = now + delays[delivery.Attempts - 1];
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (secrets.Reveal(subscription.ProtectedSecret) is not { } secret)
        {
            return (null, UnreadableSecret);
        }
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LeadDesk-Webhooks", "1.0"));
        request.Headers.Add("X-LeadDesk-Event", delivery.Event);
        request.Headers.Add("X-LeadDesk-Delivery", delivery.Id.ToString());
        request.Headers.Add("X-LeadDesk-Timestamp", timestamp);
        request.Headers.Add("X-LeadDesk-Signature", Signature(secret, timestamp, delivery.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTime);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null
                : status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed"
                : $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, TimedOut);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.InnerException is PrivateAddressException ? RefusedAddress : CouldNotConnect);
        }
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>timestamp.body</c> with the subscription's secret.</summary>
    private static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the deliveries of webhook {SubscriptionId} failed; the next tick tries again.")]
    private static partial void LogSendFailed(ILogger logger, Guid subscriptionId, Exception exception);
}
