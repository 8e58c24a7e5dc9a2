using System.Net;
using System.Net.Sockets;
using LeadDesk.Core.Data;
using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

/// <summary>With the production address policy, a webhook whose host resolves to this machine is never dialled.</summary>
public sealed class WebhookAddressGuardTests(GuardedWebhookAppFactory app) : IClassFixture<GuardedWebhookAppFactory>
{
    [Fact]
    public async Task AHostResolvingToThisMachine_IsNeverDialled_AndTheLogSaysRefused()
    {
        using var listener = new ConnectionCounter();
        // The listener really is reachable at both addresses: a connection there would be counted.
        foreach (var host in new[] { Dns.GetHostName(), "127.0.0.1" })
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(host, listener.Port);
        }
        await listener.WaitForAsync(2);
        // Saved before the policy existed, or aimed at a name whose address changed since: the save check cannot see it.
        var byName = await InsertSubscriptionAsync($"http://{Dns.GetHostName()}:{listener.Port}/hook");
        var mapped = await InsertSubscriptionAsync($"http://[::ffff:127.0.0.1]:{listener.Port}/hook");

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().PingAsync(byName);
            await scope.Get<WebhookService>().PingAsync(mapped);
        }

        var deliveries = await app.EventuallyAsync(
            db => db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == byName || d.SubscriptionId == mapped).ToListAsync(),
            rows => rows.Count == 2 && rows.All(d => d.Attempts >= 1));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(WebhookDispatcher.RefusedAddress, d.LastError);
            Assert.Null(d.LastStatusCode);
            Assert.Null(d.DeliveredAt);
        });
        var statuses = await app.QueryAsync(db => db.WebhookSubscriptions.Where(s => s.Id == byName || s.Id == mapped).Select(s => s.LastStatus).ToListAsync());
        Assert.Equal([WebhookDispatcher.RefusedAddress, WebhookDispatcher.RefusedAddress], statuses);
        Assert.Equal(2, listener.Connections);
    }

    private async Task<Guid> InsertSubscriptionAsync(string url)
    {
        await using var scope = await app.ScopeAsync();
        var db = scope.Get<LeadDeskDbContext>();
        var subscription = new WebhookSubscription(url, scope.Get<WebhookSecrets>().Protect("whsec_test"), WebhookEvents.LeadConverted);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }
}
