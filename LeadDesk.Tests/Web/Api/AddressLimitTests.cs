using System.Net;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// The app with small per-address limits (five API requests at once, then one every 1,000 s: none comes back during a test;
/// three failed sign-ins, then one an hour), a trusted proxy at <see cref="Proxy"/>, and a count of the queries that read
/// the token table.
/// </summary>
public sealed class EdgeLimitAppFactory : ApiAppFactory
{
    public const int AddressBurst = 5;
    public const int SignInFailures = 3;
    public const string Proxy = "10.0.0.1";
    public static readonly TimeSpan AddressRefill = TimeSpan.FromSeconds(1000);

    public TokenLookupCounter TokenLookups { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PerAddressPerSecond", "0.001");
        builder.UseSetting("Api:RateLimit:PerAddressBurst", AddressBurst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:FailuresPerAddressBurst", SignInFailures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SignIn:FailuresPerAddressPerHour", "1");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<LeadDeskDbContext>(options => options.AddInterceptors(TokenLookups)));
    }

    private static int _lastPeer;

    /// <summary>An address in <paramref name="network"/> (a /24) no other test connects from, so each test starts with full buckets.</summary>
    public static string NewPeer(string network = "198.51.100") => $"{network}.{Interlocked.Increment(ref _lastPeer)}";
}

/// <summary>
/// <c>/api</c> is limited per client address before authentication: a flood of bad tokens is refused before it costs
/// queries, a bad token is remembered, and only a configured proxy decides which address a request counts against.
/// </summary>
public sealed class AddressLimitTests(EdgeLimitAppFactory app) : IClassFixture<EdgeLimitAppFactory>
{
    private const string List = $"{ApiRoutes.Leads}?limit=1";

    [Fact]
    public async Task AFloodOfUnknownTokens_FromOneAddress_Is429_AfterOneLookupPerPermittedRequest()
    {
        var (statuses, lookups, last) = await FloodAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, EdgeLimitAppFactory.AddressBurst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, EdgeLimitAppFactory.AddressBurst)], statuses);
        Assert.Equal(EdgeLimitAppFactory.AddressBurst, lookups);
        Assert.Equal(ApiKit.ProblemJson, last.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Your address is over its rate limit; retry in ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertRetryAfter(last);
    }

    [Fact]
    public async Task TheSameUnknownToken_Repeated_IsLookedUpOnce()
    {
        var client = app.ApiClient(EdgeLimitAppFactory.NewPeer());
        var token = ApiKit.UnknownToken();
        var before = app.TokenLookups.Count;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < EdgeLimitAppFactory.AddressBurst; i++)
        {
            statuses.Add((await client.GetAsync(List, token)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, EdgeLimitAppFactory.AddressBurst), statuses);
        Assert.Equal(1, app.TokenLookups.Count - before);
    }

    [Fact]
    public async Task AnAddressOverItsLimit_IsRefusedEvenWithAGoodToken_WhileAnotherAddressIsServed()
    {
        var token = await app.TokenAsync(Demo);
        var flooder = app.ApiClient(EdgeLimitAppFactory.NewPeer());
        await ExhaustAsync(flooder);

        var fromFlooder = await flooder.GetAsync(List, token);
        var fromAnother = await app.ApiClient(EdgeLimitAppFactory.NewPeer()).GetAsync(List, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromFlooder.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromAnother.StatusCode);
    }

    [Fact]
    public async Task TheExternalApi_AnswersAnAddressOverItsLimit_InItsOwnFormat()
    {
        var last = await ExhaustAsync(app.ApiClient(EdgeLimitAppFactory.NewPeer()), $"{ApiRoutes.ExternalLeads}?limit=1");

        var error = await last.ExpectExternalErrorAsync(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("Too many requests; retry in ", error, StringComparison.Ordinal);
        AssertRetryAfter(last);
    }

    [Theory]
    [InlineData("198.51.100")]
    [InlineData("127.0.0")] // loopback, which the framework trusts unless told otherwise
    public async Task XForwardedFor_FromAPeerThatIsNotAConfiguredProxy_CannotChooseItsBucket(string network)
    {
        // A fresh client address in every request's header: were it believed, no bucket would ever empty.
        var (statuses, _, _) = await FloodAsync(forwardedFor: i => $"203.0.113.{i + 1}", network: network);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, EdgeLimitAppFactory.AddressBurst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, EdgeLimitAppFactory.AddressBurst)], statuses);
    }

    [Fact]
    public async Task XForwardedFor_FromTheConfiguredProxy_GivesEachClientBehindItItsOwnBucket()
    {
        var token = await app.TokenAsync(Demo);
        var proxy = app.ApiClient(EdgeLimitAppFactory.Proxy);
        var flooded = await ExhaustAsync(proxy, forwardedFor: "203.0.113.200");

        var sameClient = await SendAsync(proxy, List, token, "203.0.113.200");
        var otherClient = await SendAsync(proxy, List, token, "203.0.113.201");

        Assert.Equal(HttpStatusCode.TooManyRequests, flooded.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    /// <summary>
    /// Ten requests with unknown tokens in a row from a fresh address (a full bucket of five); returns their statuses, the
    /// token lookups they cost and the last response.
    /// </summary>
    private async Task<(HttpStatusCode[] Statuses, int Lookups, HttpResponseMessage Last)> FloodAsync(
        Func<int, string>? forwardedFor = null, string network = "198.51.100")
    {
        var client = app.ApiClient(EdgeLimitAppFactory.NewPeer(network));
        var before = app.TokenLookups.Count;
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 2 * EdgeLimitAppFactory.AddressBurst; i++)
        {
            responses.Add(await SendAsync(client, List, ApiKit.UnknownToken(), forwardedFor?.Invoke(i)));
        }
        return ([.. responses.Select(r => r.StatusCode)], app.TokenLookups.Count - before, responses[^1]);
    }

    /// <summary>Unknown tokens, twice what one address may send at once; returns the last answer.</summary>
    private static async Task<HttpResponseMessage> ExhaustAsync(HttpClient client, string url = List, string? forwardedFor = null)
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 2 * EdgeLimitAppFactory.AddressBurst; i++)
        {
            last = await SendAsync(client, url, ApiKit.UnknownToken(), forwardedFor);
        }
        return last;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string token, string? forwardedFor) =>
        client.SendAsync(HttpMethod.Get, url, token, configure: request =>
        {
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
        });

    private static void AssertRetryAfter(HttpResponseMessage response) =>
        Assert.Equal(EdgeLimitAppFactory.AddressRefill, response.Headers.RetryAfter?.Delta);
}
