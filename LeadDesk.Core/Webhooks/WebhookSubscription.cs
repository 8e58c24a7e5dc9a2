using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Webhooks;

/// <summary>A URL that is told, signed, when leads of the workspace change.</summary>
public class WebhookSubscription : WorkspaceEntity
{
    public const int UrlMaxLength = 500;
    public const int SecretLength = 32;
    public const int ProtectedSecretMaxLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Url { get; set; }
    /// <summary>
    /// The secret that signs each delivery (HMAC-SHA256; the receiver keeps a copy to check it), encrypted: read it
    /// through <see cref="WebhookSecrets"/>.
    /// </summary>
    public string ProtectedSecret { get; private set; }
    /// <summary>Space-separated <see cref="WebhookEvents"/> names.</summary>
    public string Events { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>"200", "503", "timeout", "could not connect", "refused: private address"…: how the last attempt went.</summary>
    public string? LastStatus { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    /// <summary>
    /// A dispatcher sending this subscription's deliveries holds it until then: one sender per subscription across all
    /// web nodes, so a receiver gets one request at a time, in order.
    /// </summary>
    public DateTime? DispatchLockedUntil { get; private set; }

    public WebhookSubscription(string url, string protectedSecret, string events)
    {
        Url = url;
        ProtectedSecret = protectedSecret;
        Events = events;
    }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One event on its way to one subscription: the outbox row the dispatcher sends, retries and logs.</summary>
public class WebhookDelivery : WorkspaceRow
{
    public const int PayloadMaxLength = 65_536;
    public const int ErrorMaxLength = 300;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; private set; }
    /// <summary>The lead the payload carries (null for a ping): purging or erasing the lead deletes its deliveries.</summary>
    public Guid? LeadId { get; private set; }
    public string Event { get; private set; }
    public string Payload { get; private set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// <summary>Set when the last retry failed: no more attempts.</summary>
    public DateTime? GaveUpAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; private set; }

    private WebhookDelivery(Guid workspaceId, Guid subscriptionId, string @event, string payload, DateTime createdAt)
        : base(workspaceId)
    {
        SubscriptionId = subscriptionId;
        Event = @event;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    /// <param name="payload">Builds the JSON from the delivery's id, which receivers use to spot repeats.</param>
    public static WebhookDelivery Create(Guid workspaceId, Guid subscriptionId, string @event, Func<Guid, string> payload, DateTime createdAt, Guid? leadId = null)
    {
        var delivery = new WebhookDelivery(workspaceId, subscriptionId, @event, "", createdAt) { LeadId = leadId };
        delivery.Payload = payload(delivery.Id);
        return delivery;
    }
}
