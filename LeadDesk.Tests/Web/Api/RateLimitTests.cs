using System.Net;
using System.Text.Json;
using LeadDesk.Web.Api;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Api;

/// <summary>Api:RateLimit with a burst of two per token and almost no refill: the third request is refused with 429 and Retry-After.</summary>
public sealed class RateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task NativeApi_ThirdQuickRequest_Is429ProblemWithRetryAfter()
    {
        var (statuses, third) = await BurstAsync($"{ApiRoutes.Leads}?limit=1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(ApiKit.ProblemJson, third.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        AssertRetryAfter(third);
    }

    [Fact]
    public async Task ExternalApi_ThirdQuickRequest_Is429ErrorBodyWithRetryAfter()
    {
        var (statuses, third) = await BurstAsync($"{ApiRoutes.ExternalLeads}?limit=1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/json", third.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("retry", body.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        AssertRetryAfter(third);
    }

    [Fact]
    public async Task EachToken_HasItsOwnBucket()
    {
        var (_, third) = await BurstAsync($"{ApiRoutes.Leads}?limit=1");
        var other = await app.TokenAsync(Demo);

        var response = await app.ApiClient().GetAsync($"{ApiRoutes.Leads}?limit=1", other);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Three requests in a row with a fresh token (a full bucket of two); returns their statuses and the third answer.</summary>
    private async Task<(HttpStatusCode[] Statuses, HttpResponseMessage Third)> BurstAsync(string url)
    {
        var client = app.ApiClient();
        var token = await app.TokenAsync(Demo);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await client.GetAsync(url, token));
        }
        return ([.. responses.Select(r => r.StatusCode)], responses[2]);
    }

    private static void AssertRetryAfter(HttpResponseMessage response) =>
        Assert.Equal(RateLimitedAppFactory.Refill, response.Headers.RetryAfter?.Delta);
}
