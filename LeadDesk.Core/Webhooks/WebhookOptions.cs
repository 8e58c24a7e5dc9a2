using System.Globalization;

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
    /// <summary>How many subscriptions one node sends to at the same time (each gets one request at a time).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;
    /// <summary>Lets webhooks call loopback, private and link-local addresses: for tests and receivers on the same network.</summary>
    public bool AllowPrivateAddresses { get; set; }

    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. RetryDelaysSeconds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture)))];
}
