using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Webhooks;

/// <summary>Bound from <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public bool Enabled { get; set; } = true;
    /// <summary>How often the outbox is checked for due deliveries.</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>Waits before each retry; after the last, the delivery is given up.</summary>
    public string RetryDelaysSeconds { get; set; } = "10,60,300,1800,7200,21600";
    public double TimeoutSeconds { get; set; } = 10;
    public bool AllowPrivateAddresses { get; set; }

    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. RetryDelaysSeconds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture)))];
}

/// <summary>
/// Sends the outbox: POSTs each due delivery's JSON, signed with the subscription's secret
/// (<c>X-LeadDesk-Signature: sha256=HMAC(secret, timestamp + "." + body)</c>), and retries failures with
/// growing waits. Several web nodes can run it: each claims a delivery before sending it.
/// </summary>
public sealed partial class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds)), clock);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the due deliveries; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries.IgnoreQueryFilters()
            .Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await SendAsync(db, id, cancellationToken);
        }
        return due.Count;
    }

    private async Task SendAsync(LeadDeskDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lockUntil = now + TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 3);
        var claimed = await db.WebhookDeliveries.IgnoreQueryFilters()
            .Where(d => d.Id == id && d.DeliveredAt == null && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, lockUntil), cancellationToken);
        if (claimed == 0)
        {
            return; // another node has it
        }
        var delivery = await db.WebhookDeliveries.IgnoreQueryFilters().FirstAsync(d => d.Id == id, cancellationToken);
        var subscription = await db.WebhookSubscriptions.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (subscription is null || !subscription.IsActive)
        {
            delivery.GaveUpAt = now;
            delivery.LastError = "The webhook was paused or deleted.";
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var (status, error) = await PostAsync(subscription, delivery, cancellationToken);
        now = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LockedUntil = null;
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
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LeadDesk-Webhooks", "1.0"));
        request.Headers.Add("X-LeadDesk-Event", delivery.Event);
        request.Headers.Add("X-LeadDesk-Delivery", delivery.Id.ToString());
        request.Headers.Add("X-LeadDesk-Timestamp", timestamp);
        request.Headers.Add("X-LeadDesk-Signature", Signature(subscription.Secret, timestamp, delivery.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>timestamp.body</c> with the subscription's secret.</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch failed; it will try again on the next tick.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
