using System.Security.Cryptography;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Webhooks;

/// <param name="Secret">Null when it cannot be decrypted (the data-protection keys it was encrypted with are gone).</param>
public sealed record WebhookView(Guid Id, string Url, string? Secret, IReadOnlyList<string> Events, bool IsActive, string? LastStatus,
    DateTime? LastAttemptAt, DateTime? LastSuccessAt, DateTime CreatedAt);

public sealed record DeliveryView(Guid Id, Guid SubscriptionId, string Url, string Event, int Attempts, DateTime CreatedAt, DateTime? DeliveredAt,
    DateTime? GaveUpAt, DateTime NextAttemptAt, int? LastStatusCode, string? LastError);

/// <summary>Admins register webhook URLs and see how deliveries went.</summary>
public sealed class WebhookService(LeadDeskDbContext db, ICurrentActor actor, IMemoryCache cache, WebhookSecrets secrets, IOptions<WebhookOptions> options,
    TimeProvider clock)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var rows = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return rows.Select(s => new WebhookView(s.Id, s.Url, secrets.Reveal(s.ProtectedSecret), s.EventList, s.IsActive, s.LastStatus, s.LastAttemptAt, s.LastSuccessAt, s.CreatedAt)).ToList();
    }

    /// <summary>The latest deliveries of the workspace's webhooks, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(int limit = 30, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        return await (
                from d in db.WebhookDeliveries.AsNoTracking()
                join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                orderby d.CreatedAt descending, d.Id descending
                select new DeliveryView(d.Id, d.SubscriptionId, s.Url, d.Event, d.Attempts, d.CreatedAt, d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt, d.LastStatusCode, d.LastError))
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
    }

    public async Task<WebhookView> CreateAsync(string? url, IReadOnlyCollection<string> events, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var address = await CheckUrlAsync(url, cancellationToken);
        var chosen = WebhookEvents.All.Select(e => e.Name).Where(events.Contains).ToList();
        if (chosen.Count == 0)
        {
            throw Validation.Error("events", Messages.T("Choose at least one event."));
        }
        var secret = WebhookSecrets.Prefix + RandomNumberGenerator.GetString(Base62, WebhookSubscription.SecretLength);
        var subscription = new WebhookSubscription(address, secrets.Protect(secret), string.Join(' ', chosen));
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        Forget();
        return new WebhookView(subscription.Id, subscription.Url, secret, chosen, true, null, null, null, subscription.CreatedAt);
    }

    public async Task SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var subscription = await FindAsync(id, cancellationToken);
        subscription.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        Forget();
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        db.WebhookSubscriptions.Remove(await FindAsync(id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        Forget();
    }

    /// <summary>Queues a <c>ping</c> to the subscription, to check the URL and the signature before real events flow.</summary>
    public async Task PingAsync(Guid id, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var subscription = await FindAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.WebhookDeliveries.Add(WebhookDelivery.Create(subscription.WorkspaceId, subscription.Id, WebhookEvents.Ping, deliveryId => WebhookEvents.PingPayload(deliveryId, now), now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<WebhookSubscription> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.Webhook);

    // The recorder caches who listens; a change here must reach it now, on this node (others within a minute).
    private void Forget() => cache.Remove(WebhookRecorder.CacheKey(actor.WorkspaceId ?? Guid.Empty));


    /// <summary>
    /// An http(s) URL. Unless <c>Webhooks:AllowPrivateAddresses</c> is on, its host must be public (<see cref="WebhookAddressPolicy"/>),
    /// so a webhook cannot be aimed at the servers' own network; each connection is checked again.
    /// </summary>
    private async Task<string> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        var text = url?.Trim() ?? "";
        if (text.Length is 0 or > WebhookSubscription.UrlMaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Validation.Error("url", Messages.T("Enter the full address to call, such as https://hooks.example.com/leaddesk."));
        }
        if (!options.Value.AllowPrivateAddresses && !await WebhookAddressPolicy.IsPublicHostAsync(uri.IdnHost, cancellationToken))
        {
            throw Validation.Error("url", Messages.T("That address is on a private or local network; webhooks go to public addresses."));
        }
        return uri.ToString();
    }
}
