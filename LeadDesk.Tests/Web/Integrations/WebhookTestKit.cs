using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
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
public class WebhookAppFactory : LeadDeskAppFactory
{
    protected virtual bool AllowPrivateAddresses => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowPrivateAddresses", AllowPrivateAddresses ? "true" : "false");
        builder.UseSetting("Webhooks:PollSeconds", "0.2");
        builder.UseSetting("Webhooks:RetryDelaysSeconds", "0.5,0.5");
    }
}

/// <summary>As <see cref="WebhookAppFactory"/>, with the production address policy: private and local addresses are refused.</summary>
public sealed class GuardedWebhookAppFactory : WebhookAppFactory
{
    protected override bool AllowPrivateAddresses => false;
}

/// <summary>One request a <see cref="WebhookReceiver"/> answered.</summary>
public sealed record WebhookRequest(string Method, string Event, string Delivery, string Timestamp, string Signature, string Body, int Answered, DateTime AnsweredAt)
{
    public JsonElement Lead => JsonDocument.Parse(Body).RootElement.GetProperty("data").GetProperty("lead");

    public bool IsAbout(Guid leadId) => Body.Contains(leadId.ToString(), StringComparison.Ordinal);
}

/// <summary>
/// A real HTTP endpoint on a free loopback port that records what it receives, and can fail the first calls, answer
/// slowly or redirect.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<WebhookRequest> Received { get; } = new();
    public string Url { get; }
    /// <summary>The most requests it was answering at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, TimeSpan? delay = null, string? redirectTo = null)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.Map("/hook", async (HttpRequest request) =>
        {
            var inFlight = Interlocked.Increment(ref receiver._inFlight);
            try
            {
                InterlockedMax(ref receiver._maxInFlight, inFlight);
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                if (delay is { } wait)
                {
                    await Task.Delay(wait);
                }
                var status = redirectTo is not null ? 302 : Interlocked.Increment(ref receiver._calls) <= failFirst ? 500 : 200;
                receiver.Received.Enqueue(new WebhookRequest(request.Method, request.Headers["X-LeadDesk-Event"].ToString(), request.Headers["X-LeadDesk-Delivery"].ToString(),
                    request.Headers["X-LeadDesk-Timestamp"].ToString(), request.Headers["X-LeadDesk-Signature"].ToString(), body, status, DateTime.UtcNow));
                return redirectTo is not null ? Results.Redirect(redirectTo) : Results.StatusCode(status);
            }
            finally
            {
                Interlocked.Decrement(ref receiver._inFlight);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public List<WebhookRequest> About(Guid leadId) => [.. Received.Where(r => r.IsAbout(leadId))];

    public async Task WaitForAsync(Func<WebhookReceiver, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver got {Received.Count} request(s), not what was expected, within {seconds} s.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}

/// <summary>A bare TCP listener on every local IPv4 address that counts the connections made to it (and answers nothing).</summary>
public sealed class ConnectionCounter : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Any, 0);
    private int _connections;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);

    public ConnectionCounter()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public async Task WaitForAsync(int connections)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Connections < connections)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Connections} connection(s) arrived, not {connections}, within 10 s.");
            await Task.Delay(20);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    public void Dispose() => _listener.Stop();
}

/// <summary>What a receiver checks, written here from the documented contract, not borrowed from the implementation.</summary>
public static class WebhookContract
{
    /// <summary>Every field of <c>data.lead</c>.</summary>
    public static readonly string[] LeadFields =
    [
        "id", "firstName", "lastName", "name", "email", "phone", "company", "source", "pipelineId", "stageId", "status", "priority",
        "estimatedValue", "score", "assignedTo", "createdAt", "updatedAt", "isDeleted", "version",
    ];

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c> keyed with the secret.</summary>
    public static string Signature(string secret, string timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "sha256=" + string.Concat(mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static void AssertSignedWith(string secret, WebhookRequest request)
    {
        Assert.Equal(Signature(secret, request.Timestamp, request.Body), request.Signature);
        var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(sent, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    /// <summary>Each field of the payload's lead equals the stored row's, and there are no fields it does not check.</summary>
    public static void AssertIsRow(Lead row, JsonElement lead)
    {
        Assert.Equal(LeadFields.Order(StringComparer.Ordinal), lead.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(row.Id, lead.GetProperty("id").GetGuid());
        Assert.Equal(row.FirstName, lead.GetProperty("firstName").GetString());
        Assert.Equal(row.LastName, lead.GetProperty("lastName").GetString());
        Assert.Equal($"{row.FirstName} {row.LastName}".Trim(), lead.GetProperty("name").GetString());
        Assert.Equal(row.Email, lead.GetProperty("email").GetString());
        Assert.Equal(row.Phone, lead.GetProperty("phone").GetString());
        Assert.Equal(row.Company, lead.GetProperty("company").GetString());
        Assert.Equal(row.Source, lead.GetProperty("source").GetString());
        Assert.Equal(row.PipelineId, lead.GetProperty("pipelineId").GetGuid());
        Assert.Equal(row.StageId, lead.GetProperty("stageId").GetGuid());
        Assert.Equal(row.Status switch { LeadStatus.Open => "open", LeadStatus.Converted => "converted", _ => "disqualified" }, lead.GetProperty("status").GetString());
        Assert.Equal(row.Priority switch { LeadPriority.Low => "low", LeadPriority.Medium => "medium", LeadPriority.High => "high", _ => "critical" },
            lead.GetProperty("priority").GetString());
        Assert.Equal(row.EstimatedValue, Nullable(lead.GetProperty("estimatedValue"), e => e.GetDecimal()));
        Assert.Equal(row.Score, lead.GetProperty("score").GetInt32());
        Assert.Equal(row.OwnerId, Nullable(lead.GetProperty("assignedTo"), e => e.GetGuid()));
        AssertSameInstant(row.CreatedAt, lead.GetProperty("createdAt").GetDateTime());
        AssertSameInstant(row.UpdatedAt, lead.GetProperty("updatedAt").GetDateTime());
        Assert.Equal(row.IsDeleted, lead.GetProperty("isDeleted").GetBoolean());
        Assert.Equal(row.Version, lead.GetProperty("version").GetInt32());
    }

    // PostgreSQL keeps microseconds; .NET and SQLite keep tenths of them.
    private static void AssertSameInstant(DateTime stored, DateTime sent)
    {
        Assert.Equal(DateTimeKind.Utc, sent.Kind);
        Assert.Equal(stored.ToUniversalTime().Ticks / 10, sent.Ticks / 10);
    }

    private static T? Nullable<T>(JsonElement element, Func<JsonElement, T> read) where T : struct =>
        element.ValueKind == JsonValueKind.Null ? null : read(element);
}

public static class WebhookTestData
{
    public static async Task<WebhookView> SubscribeAsync(this LeadDeskAppFactory app, string url, params string[] events)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        return await scope.Get<WebhookService>().CreateAsync(url, events);
    }

    /// <summary>New leads saved together, so every delivery they cause is queued at the same moment.</summary>
    public static async Task<List<Guid>> CreateLeadsAtOnceAsync(this LeadDeskAppFactory app, int count)
    {
        var stage = await app.StageAsync("new");
        await using var scope = await app.ScopeAsync();
        var db = scope.Get<LeadDeskDbContext>();
        var leads = Enumerable.Range(0, count).Select(_ => new Lead { FirstName = SeededData.Unique("Queued"), LastName = "Together" }).ToList();
        foreach (var lead in leads)
        {
            lead.MoveTo(stage);
            db.Leads.Add(lead);
        }
        await db.SaveChangesAsync();
        return [.. leads.Select(l => l.Id)];
    }

    /// <summary>The subscription's delivery about the lead, once <paramref name="condition"/> holds for it.</summary>
    public static Task<WebhookDelivery> DeliveryAsync(this LeadDeskAppFactory app, Guid subscriptionId, Guid leadId, Func<WebhookDelivery, bool> condition) =>
        app.EventuallyAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == subscriptionId && d.Payload.Contains(leadId.ToString())), condition);

    /// <summary>Waits until the database says <paramref name="condition"/> (deliveries are recorded after the receiver answers).</summary>
    public static async Task<T> EventuallyAsync<T>(this LeadDeskAppFactory app, Func<LeadDeskDbContext, Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await app.QueryAsync(read);
            if (condition(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The database did not get there within 20 s; last read: {value}.");
            await Task.Delay(50);
        }
    }
}
