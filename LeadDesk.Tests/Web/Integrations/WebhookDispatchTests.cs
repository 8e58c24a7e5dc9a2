using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

/// <summary>How deliveries are scheduled: side by side across subscriptions, one at a time within one, across nodes.</summary>
public sealed class WebhookDispatchTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    [Fact]
    public async Task ASlowReceiver_DoesNotHoldUpAnother()
    {
        await using var slow = await WebhookReceiver.StartAsync(delay: TimeSpan.FromSeconds(5));
        await using var fast = await WebhookReceiver.StartAsync();
        await app.SubscribeAsync(slow.Url, WebhookEvents.LeadCreated);
        await app.SubscribeAsync(fast.Url, WebhookEvents.LeadCreated);

        var leads = await app.CreateLeadsAtOnceAsync(5);

        await fast.WaitForAsync(r => leads.All(id => r.About(id).Count == 1));
        await slow.WaitForAsync(r => !r.Received.IsEmpty);
        var slowFirstAnswer = slow.Received.Min(r => r.AnsweredAt);
        Assert.All(fast.Received, r => Assert.True(r.AnsweredAt < slowFirstAnswer, "A fast delivery waited for the slow receiver."));
    }

    [Fact]
    public async Task TwoNodes_SendEachDeliveryOnce_AndOneAtATimeToASubscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync(delay: TimeSpan.FromMilliseconds(100));
        var hook = await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);
        // A second web node on the same database, with its own dispatcher.
        await using var secondNode = app.WithWebHostBuilder(_ => { });
        _ = secondNode.Services;

        var leads = await app.CreateLeadsAtOnceAsync(12);

        await app.EventuallyAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id && d.DeliveredAt != null), delivered => delivered == leads.Count);
        Assert.All(leads, id => Assert.Single(receiver.About(id)));
        Assert.Equal(leads.Count, receiver.Received.Count);
        Assert.Equal(1, receiver.MaxInFlight);
    }
}
