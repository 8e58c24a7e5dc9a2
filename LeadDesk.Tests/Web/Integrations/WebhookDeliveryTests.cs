using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

/// <summary>The app with webhooks allowed to reach a receiver on this machine, polling and retrying fast.</summary>
public sealed class WebhookAppFactory : LeadDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowPrivateAddresses", "true");
        builder.UseSetting("Webhooks:PollSeconds", "0.2");
        builder.UseSetting("Webhooks:RetryDelaysSeconds", "0.5,0.5");
    }
}

/// <summary>A real HTTP endpoint on a free loopback port that records what it receives and fails the first time.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    public ConcurrentQueue<(string Event, string Delivery, string Timestamp, string Signature, string Body, int Answered)> Received { get; } = new();
    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 1)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Increment(ref receiver._calls) <= failFirst ? 500 : 200;
            receiver.Received.Enqueue((request.Headers["X-LeadDesk-Event"]!, request.Headers["X-LeadDesk-Delivery"]!,
                request.Headers["X-LeadDesk-Timestamp"]!, request.Headers["X-LeadDesk-Signature"]!, body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task WaitForAsync(Func<WebhookReceiver, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver got {Received.Count} request(s), not what was expected, within 20 s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class WebhookDeliveryTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    private async Task<WebhookView> SubscribeAsync(string url, params string[] events)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        return await scope.Get<WebhookService>().CreateAsync(url, events);
    }

    [Fact]
    public async Task ALeadCreated_IsDeliveredSigned_AndRetriedAfterAFailingAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var hook = await SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);

        var leadId = await app.CreateLeadAsync();

        await receiver.WaitForAsync(r => r.Received.Count(x => x.Answered == 200 && x.Body.Contains(leadId.ToString(), StringComparison.Ordinal)) == 1);
        var attempts = receiver.Received.Where(x => x.Body.Contains(leadId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.Answered));
        Assert.Single(attempts.Select(a => a.Delivery).Distinct()); // the retry is the same delivery
        foreach (var attempt in attempts)
        {
            Assert.Equal(WebhookEvents.LeadCreated, attempt.Event);
            Assert.Equal(WebhookDispatcher.Signature(hook.Secret, attempt.Timestamp, attempt.Body), attempt.Signature);
            Assert.NotEqual(WebhookDispatcher.Signature("whsec_wrong", attempt.Timestamp, attempt.Body), attempt.Signature);
        }
        using var payload = JsonDocument.Parse(attempts[^1].Body);
        Assert.Equal("lead.created", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(leadId, payload.RootElement.GetProperty("data").GetProperty("lead").GetProperty("id").GetGuid());

        var delivery = await app.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == hook.Id && d.Event == WebhookEvents.LeadCreated && d.Payload.Contains(leadId.ToString())));
        Assert.NotNull(delivery.DeliveredAt);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task AStageChange_CarriesTheOldAndNewStage()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        await SubscribeAsync(receiver.Url, WebhookEvents.LeadStageChanged);
        var leadId = await app.CreateLeadAsync();
        var from = await app.StageAsync("new");
        var to = await app.StageAsync("contacted");

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<LeadStageService>().ChangeStageAsync(leadId, to.Id);
        }

        await receiver.WaitForAsync(r => r.Received.Any(x => x.Body.Contains(leadId.ToString(), StringComparison.Ordinal)));
        using var payload = JsonDocument.Parse(receiver.Received.First(x => x.Body.Contains(leadId.ToString(), StringComparison.Ordinal)).Body);
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("lead.stage_changed", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(from.Id, data.GetProperty("previousStageId").GetGuid());
        Assert.Equal(to.Id, data.GetProperty("newStageId").GetGuid());
    }

    [Fact]
    public async Task APausedWebhook_QueuesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var hook = await SubscribeAsync(receiver.Url, WebhookEvents.LeadCreated);
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().SetActiveAsync(hook.Id, false);
        }

        await app.CreateLeadAsync();

        Assert.Equal(0, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id)));
    }

    [Fact]
    public async Task ABulkDelete_IsDeliveredForEachLead()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var hook = await SubscribeAsync(receiver.Url, WebhookEvents.LeadDeleted);
        var first = await app.CreateLeadAsync();
        var second = await app.CreateLeadAsync();

        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<BulkLeadService>().DeleteAsync([first, second]);
        }

        await receiver.WaitForAsync(r => r.Received.Count(x => x.Event == WebhookEvents.LeadDeleted) >= 2);
        Assert.Contains(receiver.Received, x => x.Body.Contains(first.ToString(), StringComparison.Ordinal));
        Assert.Contains(receiver.Received, x => x.Body.Contains(second.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == hook.Id)));
    }
}

public sealed class WebhookSettingsTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("not a url")]
    public async Task APrivateOrInvalidUrl_IsRefused(string url)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => scope.Get<WebhookService>().CreateAsync(url, [WebhookEvents.LeadCreated]));

        Assert.Contains(refused.Errors, e => e.PropertyName == "url");
    }

    [Fact]
    public async Task ASalesRep_CannotManageWebhooks()
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Rep);

        await Assert.ThrowsAsync<LeadDesk.Core.Common.ForbiddenException>(() => scope.Get<WebhookService>().CreateAsync("https://hooks.example.com/x", [WebhookEvents.LeadCreated]));
    }

    [Fact]
    public async Task TheSettingsPage_ListsTheWebhookWithItsSecret_ForAnAdminOnly()
    {
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebhookService>().CreateAsync("https://hooks.example.com/settings-page", [WebhookEvents.LeadCreated]);
        }
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var rep = await app.SignedInAsync(LeadDeskAppFactory.OtherRep);

        var page = await admin.GetDocumentAsync("/settings/webhooks");
        var refused = await rep.GetAsync(new Uri("/settings/webhooks", UriKind.Relative));

        Assert.Contains(page.QuerySelectorAll("[data-webhook] code"), c => c.TextContent == "https://hooks.example.com/settings-page");
        Assert.Contains(page.QuerySelectorAll("[data-webhook] input[readonly]"), i => i.GetAttribute("value")?.StartsWith("whsec_", StringComparison.Ordinal) == true);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
