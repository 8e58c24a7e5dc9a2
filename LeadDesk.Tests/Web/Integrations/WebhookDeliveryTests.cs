using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

public sealed class WebhookDeliveryTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    [Fact]
    public async Task ALeadCreated_IsDeliveredSigned_AndRetriedAfterAFailingAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var hook = await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);

        var leadId = await app.CreateLeadAsync();

        await receiver.WaitForAsync(r => r.About(leadId).Any(x => x.Answered == 200));
        var attempts = receiver.About(leadId);
        Assert.Equal([500, 200], attempts.Select(a => a.Answered));
        Assert.Single(attempts.Select(a => a.Delivery).Distinct()); // the retry is the same delivery
        foreach (var attempt in attempts)
        {
            Assert.Equal("POST", attempt.Method);
            Assert.Equal(WebhookEvents.LeadCreated, attempt.Event);
            WebhookContract.AssertSignedWith(hook.Secret!, attempt);
            Assert.NotEqual(WebhookContract.Signature("whsec_wrong", attempt.Timestamp, attempt.Body), attempt.Signature);
        }
        using var payload = JsonDocument.Parse(attempts[^1].Body);
        Assert.Equal("lead.created", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(attempts[^1].Delivery, payload.RootElement.GetProperty("id").GetString());
        WebhookContract.AssertIsRow(await app.LeadAsync(leadId), attempts[^1].Lead);

        var delivery = await app.DeliveryAsync(hook.Id, leadId, d => d.DeliveredAt is not null);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task ALeadCreatedUpdatedAndDeleted_EachCarriesTheLeadAsSaved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated, WebhookEvents.LeadUpdated, WebhookEvents.LeadDeleted);
        var leadId = await app.CreateLeadAsync();
        var created = await app.LeadAsync(leadId);

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<LeadService>().UpdateAsync(leadId, new LeadInput
            {
                FirstName = created.FirstName,
                LastName = "Renamed",
                Email = created.Email,
                Phone = "+5511987654321",
                Company = "Renamed Company",
                Source = created.Source,
                Priority = LeadPriority.High,
                EstimatedValue = 1234.5m,
                Score = 42,
            }, created.Version);
        }
        var updated = await app.LeadAsync(leadId);
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<LeadService>().DeleteAsync(leadId);
        }
        var deleted = await app.LeadAsync(leadId);

        await receiver.WaitForAsync(r => r.About(leadId).Count == 3);
        var sent = receiver.About(leadId).ToDictionary(r => r.Event);
        WebhookContract.AssertIsRow(created, sent[WebhookEvents.LeadCreated].Lead);
        WebhookContract.AssertIsRow(updated, sent[WebhookEvents.LeadUpdated].Lead);
        WebhookContract.AssertIsRow(deleted, sent[WebhookEvents.LeadDeleted].Lead);
        // The stamps are real: not the default time, not the state before the save.
        Assert.NotEqual(default, created.CreatedAt);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);
        Assert.Equal([0, 1, 2], new[] { created.Version, updated.Version, deleted.Version });
        Assert.True(deleted.IsDeleted);
    }

    [Fact]
    public async Task AStageChange_CarriesTheOldAndNewStage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadStageChanged);
        var leadId = await app.CreateLeadAsync();
        var from = await app.StageAsync("new");
        var to = await app.StageAsync("contacted");

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(leadId, to.Id);
        }

        await receiver.WaitForAsync(r => r.About(leadId).Count > 0);
        var request = Assert.Single(receiver.About(leadId));
        using var payload = JsonDocument.Parse(request.Body);
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("lead.stage_changed", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(from.Id, data.GetProperty("previousStageId").GetGuid());
        Assert.Equal(to.Id, data.GetProperty("newStageId").GetGuid());
        WebhookContract.AssertIsRow(await app.LeadAsync(leadId), request.Lead);
    }

    [Fact]
    public async Task APausedWebhook_QueuesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().SetActiveAsync(hook.Id, false);
        }

        await app.CreateLeadAsync();

        Assert.Equal(0, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id)));
    }

    [Fact]
    public async Task ABulkChangeAndABulkDelete_CarryEachLeadAsSaved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadUpdated, WebhookEvents.LeadDeleted);
        Guid[] ids = [await app.CreateLeadAsync(), await app.CreateLeadAsync()];

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<BulkLeadService>().UpdateAsync(ids, new BulkChanges { Priority = LeadPriority.Critical });
        }
        var updated = await Task.WhenAll(ids.Select(id => app.LeadAsync(id)));
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<BulkLeadService>().DeleteAsync(ids);
        }
        var deleted = await Task.WhenAll(ids.Select(id => app.LeadAsync(id)));

        await receiver.WaitForAsync(r => ids.All(id => r.About(id).Count == 2));
        foreach (var (before, after) in updated.Zip(deleted))
        {
            var sent = receiver.About(before.Id).ToDictionary(r => r.Event);
            WebhookContract.AssertIsRow(before, sent[WebhookEvents.LeadUpdated].Lead);
            WebhookContract.AssertIsRow(after, sent[WebhookEvents.LeadDeleted].Lead);
            Assert.Equal(LeadPriority.Critical, before.Priority);
            Assert.True(after.IsDeleted);
        }
        Assert.Equal(4, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id)));
    }

    [Fact]
    public async Task TheSigningSecret_IsStoredEncrypted_AndDeliveriesAreSignedWithIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await app.SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);

        var stored = await StoredSecretAsync(hook.Id);
        var leadId = await app.CreateLeadAsync();

        Assert.StartsWith("whsec_", hook.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Secret!["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", stored, StringComparison.Ordinal);
        await receiver.WaitForAsync(r => r.About(leadId).Count == 1);
        WebhookContract.AssertSignedWith(hook.Secret!, receiver.About(leadId)[0]);
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        Assert.Equal(hook.Secret, (await scope.Get<WebhookService>().ListAsync()).Single(h => h.Id == hook.Id).Secret);
    }

    [Fact]
    public async Task APlaintextSecretOfAnEarlierVersion_IsEncryptedAtStartUp_AndStillSigns()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = "whsec_" + RandomNumberGenerator.GetHexString(32);
        var hook = new WebhookSubscription(receiver.Url, secret, WebhookEvents.LeadDeleted);
        await using (var scope = await app.ScopeAsync())
        {
            var db = scope.Get<LeadDeskDbContext>();
            db.WebhookSubscriptions.Add(hook); // as an earlier version stored it
            await db.SaveChangesAsync();
        }
        Assert.Equal(secret, await StoredSecretAsync(hook.Id));

        Assert.True(await app.Services.PrepareDatabaseAsync());
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().PingAsync(hook.Id);
        }

        var stored = await StoredSecretAsync(hook.Id);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", stored, StringComparison.Ordinal);
        await receiver.WaitForAsync(r => r.Received.Any(x => x.Event == WebhookEvents.Ping));
        WebhookContract.AssertSignedWith(secret, Assert.Single(receiver.Received));
    }

    [Fact]
    public async Task ASecretThatCannotBeDecrypted_IsReported_AndNothingIsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // What a secret looks like once the data-protection keys it was encrypted with are gone.
        var hook = new WebhookSubscription(receiver.Url, "CfDJ8-encrypted-with-a-key-ring-that-is-gone", WebhookEvents.LeadConverted);
        await using (var scope = await app.ScopeAsync())
        {
            var db = scope.Get<LeadDeskDbContext>();
            db.WebhookSubscriptions.Add(hook);
            await db.SaveChangesAsync();
        }

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().PingAsync(hook.Id);
            Assert.Null((await scope.Get<WebhookService>().ListAsync()).Single(h => h.Id == hook.Id).Secret);
        }

        var delivery = await app.EventuallyAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == hook.Id), d => d.Attempts >= 1);
        Assert.Equal(WebhookDispatcher.UnreadableSecret, delivery.LastError);
        Assert.Null(delivery.DeliveredAt);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task ARedirect_IsAFailedDelivery_AndIsNotFollowed()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync(redirectTo: elsewhere.Url);
        var hook = await app.SubscribeAsync(redirecting.Url, WebhookEvents.LeadCreated);

        var leadId = await app.CreateLeadAsync();

        var delivery = await app.DeliveryAsync(hook.Id, leadId, d => d.Attempts >= 1);
        Assert.Null(delivery.DeliveredAt);
        Assert.Equal(302, delivery.LastStatusCode);
        Assert.Equal("HTTP 302: redirects are not followed", delivery.LastError);
        Assert.Equal("POST", redirecting.About(leadId)[0].Method);
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task ANetworkError_SaysOnlyThatItCouldNotConnect()
    {
        // A closed port and a name that does not resolve: the log must not tell them apart (nor name host and port).
        var closedPort = await app.SubscribeAsync($"http://127.0.0.1:{WebhookReceiver.FreePort()}/hook", WebhookEvents.LeadConverted);
        var unknownHost = await app.SubscribeAsync("http://no-such-host.invalid/hook", WebhookEvents.LeadConverted);

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().PingAsync(closedPort.Id);
            await scope.Get<WebhookService>().PingAsync(unknownHost.Id);
        }

        var deliveries = await app.EventuallyAsync(
            db => db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == closedPort.Id || d.SubscriptionId == unknownHost.Id).ToListAsync(),
            rows => rows.Count == 2 && rows.All(d => d.Attempts >= 1));
        Assert.Equal([WebhookDispatcher.CouldNotConnect, WebhookDispatcher.CouldNotConnect], deliveries.Select(d => d.LastError));
        Assert.Equal([WebhookDispatcher.CouldNotConnect, WebhookDispatcher.CouldNotConnect],
            await app.QueryAsync(db => db.WebhookSubscriptions.Where(s => s.Id == closedPort.Id || s.Id == unknownHost.Id).Select(s => s.LastStatus).ToListAsync()));
    }

    private Task<string> StoredSecretAsync(Guid subscriptionId) =>
        app.QueryAsync(db => db.WebhookSubscriptions.Where(s => s.Id == subscriptionId).Select(s => s.ProtectedSecret).SingleAsync());
}

public sealed class WebhookSettingsTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[::ffff:127.0.0.1]:9000/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://100.127.255.254/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("not a url")]
    public async Task APrivateOrInvalidUrl_IsRefused(string url)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => scope.Get<WebhookService>().CreateAsync(url, [WebhookEvents.LeadCreated]));

        Assert.Equal("url", Assert.Single(refused.Errors).PropertyName);
    }

    [Fact]
    public async Task AHostNameResolvingToThisMachine_IsRefused()
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        var url = $"http://{Dns.GetHostName()}:9000/hook";

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => scope.Get<WebhookService>().CreateAsync(url, [WebhookEvents.LeadCreated]));

        Assert.Equal("That address is on a private or local network; webhooks go to public addresses.", Assert.Single(refused.Errors).ErrorMessage);
        Assert.False(await scope.Get<LeadDeskDbContext>().WebhookSubscriptions.AnyAsync(s => s.Url == new Uri(url).ToString()));
    }

    [Fact]
    public async Task ASalesRep_CannotManageWebhooks()
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Rep);

        await Assert.ThrowsAsync<LeadDesk.Core.Common.ForbiddenException>(() => scope.Get<WebhookService>().CreateAsync("https://hooks.example.com/x", [WebhookEvents.LeadCreated]));
    }
}
