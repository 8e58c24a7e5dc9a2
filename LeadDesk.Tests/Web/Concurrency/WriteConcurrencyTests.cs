using System.Net;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;

namespace LeadDesk.Tests.Web.Concurrency;

public sealed class WriteConcurrencyTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SimultaneousStageChanges_OnOneLead_AllAnswer_AndWritesStillWork()
    {
        var token = await app.DemoTokenAsync();
        var client = app.ApiClient();
        var lead = await app.CreateLeadAsync();
        var stages = await app.StagesAsync();

        var calls = Enumerable.Range(0, 6).Select(i => client.PostAsync($"/api/v1/leads/{lead}/change-stage", token, new { stageId = stages[1 + i % 2].Id }).WaitAsync(Answer));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        var after = await client.PostAsync($"/api/v1/leads/{lead}/change-stage", token, new { stageId = stages[0].Id }).WaitAsync(Answer);
        await after.ExpectAsync(HttpStatusCode.OK);
    }
}
