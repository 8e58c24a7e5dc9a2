using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

/// <summary>The capture API writes concurrent posts together; each still gets its own, correct answer.</summary>
public sealed class CaptureBatchingTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task ConcurrentPostsOfTheSamePeople_CreateOneLeadEach_AndAnswer201ThenTheExistingLead()
    {
        var token = await app.TokenAsync();
        var run = SeededData.Unique("burst").ToLowerInvariant();
        var emails = Enumerable.Range(0, 5).Select(i => $"{run}-{i}@example.com").ToList();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync("/api/external/v1/leads", new { name = $"Burst {i}", email = emails[i % emails.Count] });
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, Email: emails[i % emails.Count], Id: json.RootElement.GetProperty("_id").GetGuid());
        }));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(35, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.GroupBy(r => r.Email), group => Assert.Single(group.Select(r => r.Id).Distinct()));
        Assert.Equal(5, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email != null && l.Email.StartsWith(run))));
    }

    // An invalid post is refused by the request's own validation, before the writer (LeadCaptureTests covers a batch that
    // fails inside the writer).
    [Fact]
    public async Task OneInvalidPostInABurst_IsRefusedAlone()
    {
        var token = await app.TokenAsync();
        var run = SeededData.Unique("mixed").ToLowerInvariant();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (await client.PostAsJsonAsync("/api/external/v1/leads", i == 3 ? new { name = "", email = "" } : new { name = $"Ok {i}", email = $"{run}-{i}@example.com" })).StatusCode));

        Assert.Equal(HttpStatusCode.BadRequest, answers[3]);
        Assert.Equal(9, answers.Count(a => a == HttpStatusCode.Created));
        Assert.Equal(9, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email != null && l.Email.StartsWith(run))));
    }
}
