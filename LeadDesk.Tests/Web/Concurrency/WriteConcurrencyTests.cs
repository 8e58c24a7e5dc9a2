using System.Net;
using System.Text.Json;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;

namespace LeadDesk.Tests.Web.Concurrency;

/// <summary>
/// Mixed writes at the same moment, at one lead and at many: every call answers within a few seconds, with success or 409
/// (never a 5xx), no acknowledged change is lost, and the app still takes writes afterwards. Runs on SQLite and PostgreSQL.
/// </summary>
public sealed class WriteConcurrencyTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(10);
    private static readonly HttpStatusCode[] Accepted = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict];

    [Fact]
    public async Task SimultaneousStageChanges_OnOneLead_AllAnswer_AndWritesStillWork()
    {
        var (client, token) = await ClientAsync();
        var lead = await app.CreateLeadAsync();
        var stages = await app.StagesAsync();

        var responses = await AllAsync(Enumerable.Range(0, 6).Select(i =>
            client.PostAsync($"/api/v1/leads/{lead}/change-stage", token, new { stageId = stages[1 + i % 2].Id })));

        await AssertAnsweredAsync(responses);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        await StillWritesAsync(client, token, lead);
    }

    [Fact]
    public async Task MixedWrites_OnOneLead_AnswerSuccessOrConflict_AndTheAppStillWrites()
    {
        var (client, token) = await ClientAsync();
        var lead = await app.CreateLeadAsync();
        var other = await app.CreateLeadAsync();
        var email = (await app.LeadAsync(lead)).Email;
        var product = await ProductAsync(client, token);

        for (var round = 0; round < 3; round++)
        {
            var responses = await AllAsync(MixedWrites(client, token, lead, other, email!, product, round));
            await AssertAnsweredAsync(responses);
        }
        await StillWritesAsync(client, token, lead);
    }

    [Fact]
    public async Task MixedWrites_OnManyLeads_AnswerSuccessOrConflict_AndTheAppStillWrites()
    {
        var (client, token) = await ClientAsync();
        var product = await ProductAsync(client, token);
        var leads = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            leads.Add(await app.CreateLeadAsync());
        }
        var emails = new Dictionary<Guid, string>();
        foreach (var id in leads)
        {
            emails[id] = (await app.LeadAsync(id)).Email!;
        }

        var responses = await AllAsync(leads.SelectMany((id, i) => MixedWrites(client, token, id, leads[(i + 1) % leads.Count], emails[id], product, i)));

        await AssertAnsweredAsync(responses);
        foreach (var id in leads)
        {
            await StillWritesAsync(client, token, id);
        }
    }

    [Fact]
    public async Task SimultaneousExternalUpdates_NeverLoseAnAcknowledgedChange()
    {
        var (client, token) = await ClientAsync();
        for (var round = 0; round < 4; round++)
        {
            var lead = await app.CreateLeadAsync();
            // Each integration changes one field of its own; what one was told it saved must still be there.
            var changes = new (string Field, object Value, Func<JsonElement, string?> Read)[]
            {
                ("source", $"Partner {round}", l => l.GetProperty("source").GetString()),
                ("score", 61 + round, l => l.GetProperty("score").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("notes", $"Callback {round}", l => l.GetProperty("notes").GetString()),
                ("phone", $"+1 415 555 01{round:D2}", l => l.GetProperty("phone").GetString()),
            };
            var responses = await AllAsync(changes.Select(c =>
                client.PutAsync($"/api/external/v1/leads/{lead}", token, new Dictionary<string, object> { [c.Field] = c.Value })));

            await AssertAnsweredAsync(responses);
            var final = await (await client.GetAsync($"/api/v1/leads/{lead}", token)).ExpectAsync(HttpStatusCode.OK);
            var external = (await (await client.GetAsync("/api/external/v1/leads?limit=500", token)).ExpectAsync(HttpStatusCode.OK))
                .EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == lead);
            Assert.True(final.GetProperty("data").GetProperty("version").GetInt32() > 0);
            for (var i = 0; i < changes.Length; i++)
            {
                if (responses[i].StatusCode == HttpStatusCode.OK)
                {
                    var told = await responses[i].ExpectAsync(HttpStatusCode.OK);
                    Assert.Equal(changes[i].Read(told), changes[i].Read(external));
                }
            }
        }
    }

    [Fact]
    public async Task ADeleteWithAStaleIfMatch_IsAConflict_NamingTheCurrentVersion()
    {
        var (client, token) = await ClientAsync();
        var lead = await app.CreateLeadAsync();
        var read = await client.GetAsync($"/api/v1/leads/{lead}", token);
        var etag = read.Headers.ETag!.Tag;
        await (await client.PatchAsync($"/api/v1/leads/{lead}", token, new { title = "Changed meanwhile" })).ExpectAsync(HttpStatusCode.OK);

        var stale = await client.SendAsync(HttpMethod.Delete, $"/api/v1/leads/{lead}", token, configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));

        var problem = await stale.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal((await app.LeadAsync(lead)).Version, problem.GetProperty("currentVersion").GetInt32());
        Assert.False((await app.LeadAsync(lead)).IsDeleted);
    }

    private async Task<(HttpClient Client, string Token)> ClientAsync() => (app.ApiClient(), await app.DemoTokenAsync());

    private static async Task<Guid> ProductAsync(HttpClient client, string token)
    {
        var catalog = await (await client.GetAsync("/api/v1/lead-settings/products", token)).ExpectAsync(HttpStatusCode.OK);
        return catalog.GetProperty("data")[0].Id();
    }

    private IEnumerable<Task<HttpResponseMessage>> MixedWrites(HttpClient client, string token, Guid lead, Guid other, string email, Guid product, int round)
    {
        var stages = app.StagesAsync().GetAwaiter().GetResult();
        var url = $"/api/v1/leads/{lead}";
        yield return client.PostAsync($"{url}/change-stage", token, new { stageId = stages[1 + round % 2].Id });
        yield return client.PutAsync($"{url}/status", token, new { status = stages[round % 2].Key });
        yield return client.PatchAsync(url, token, new { title = $"Title {round}" });
        yield return client.PatchAsync(url, token, new { priority = round % 2 == 0 ? "high" : "low" });
        yield return client.PostAsync($"{url}/products", token, new { productId = product, quantity = 1 + round });
        yield return client.PostAsync($"{url}/notes", token, new { body = $"Note {round}" });
        yield return client.PutAsync("/api/v1/leads/bulk-update", token, new { ids = new[] { lead, other }, changes = new { priority = "medium" } });
        yield return client.PostAsync("/api/external/v1/leads", token, new { name = "Known Person", email });
        yield return client.PutAsync($"/api/external/v1/leads/{lead}", token, new { source = $"Source {round}" });
        yield return client.PostAsync($"{url}/activities", token, new { type = "call", title = $"Call {round}", occurredAt = DateTime.UtcNow });
    }

    private static async Task<HttpResponseMessage[]> AllAsync(IEnumerable<Task<HttpResponseMessage>> calls) =>
        await Task.WhenAll(calls.Select(call => call.WaitAsync(Answer)));

    private static async Task AssertAnsweredAsync(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(Accepted.Contains(response.StatusCode),
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {body}");
        }
    }

    private static async Task StillWritesAsync(HttpClient client, string token, Guid lead)
    {
        var patched = await client.PatchAsync($"/api/v1/leads/{lead}", token, new { title = "After the storm" }).WaitAsync(Answer);
        var body = await patched.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("After the storm", body.GetProperty("data").GetProperty("title").GetString());
    }
}
