using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Core.WebForms;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Concurrency;

/// <summary>
/// "A known email or phone is the existing lead" holds when the same person arrives at the same moment through every entry
/// point (capture API, capture with a status, web form, what the new-lead page runs) on two web nodes sharing one database.
/// </summary>
public sealed class DuplicateRuleTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task OnePerson_ArrivingEverywhereAtOnce_OnTwoNodes_IsOneLead()
    {
        using var second = new SecondApiNode(app);
        var nodes = new LeadDeskAppFactory[] { app, second };
        var token = await app.DemoTokenAsync();
        var form = await FormAsync();
        var email = $"{SeededData.Unique("everywhere")}@example.com".ToLowerInvariant();

        var api = new List<Task<HttpResponseMessage>>();
        var others = new List<Task<HttpResponseMessage>>();
        var pages = new List<Task<Guid?>>();
        foreach (var (node, index) in nodes.Select((n, i) => (n, i)))
        {
            var client = node.ApiClient();
            for (var i = 0; i < 8; i++)
            {
                api.Add(client.PostAsync("/api/external/v1/leads", token, new { name = $"Maria {index}-{i}", email = email.ToUpperInvariant() }));
            }
            for (var i = 0; i < 3; i++)
            {
                api.Add(client.PostAsync("/api/external/v1/leads", token, new { name = $"Maria {index}-s{i}", email, status = "contacted" }));
                others.Add(PostFormAsync(node, form.Key, email));
            }
            pages.Add(NewLeadPageAsync(node, email));
        }
        var answers = await Task.WhenAll(api.Concat(others).Select(t => t.WaitAsync(TimeSpan.FromSeconds(30))));
        var pagesCreated = await Task.WhenAll(pages.Select(t => t.WaitAsync(TimeSpan.FromSeconds(30))));

        var leads = await app.QueryAsync(db => db.Leads.AsNoTracking().Where(l => l.Email == email).Select(l => l.Id).ToListAsync());
        var lead = Assert.Single(leads);
        var apiAnswers = answers.Take(api.Count).ToList();
        Assert.All(apiAnswers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)a.StatusCode}"));
        foreach (var answer in apiAnswers)
        {
            Assert.Equal(lead, (await answer.ExpectAsync(answer.StatusCode)).GetProperty("id").GetGuid());
        }
        // Web forms go back to the site whatever happened; the page either created the lead or said it exists.
        Assert.All(answers.Skip(api.Count), a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)a.StatusCode}"));
        Assert.All(pagesCreated, id => Assert.True(id is null || id == lead));
        var created = apiAnswers.Count(a => a.StatusCode == HttpStatusCode.Created) + pagesCreated.Count(id => id == lead);
        Assert.True(created <= 1, $"{created} entry points said they created the lead");
    }

    private async Task<WebFormView> FormAsync()
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        return await scope.Get<WebFormService>().CreateAsync(new WebFormInput(SeededData.Unique("Everywhere"),
            [WebFormFields.Name, WebFormFields.Email], null, null, null, "", null));
    }

    /// <summary>
    /// What the new-lead page's Create runs on <paramref name="node"/> (its circuit is tested in Circuits/NewLeadPageTests):
    /// the lead's id, or null when it was refused because the email is known.
    /// </summary>
    private static async Task<Guid?> NewLeadPageAsync(LeadDeskAppFactory node, string email)
    {
        await Task.Yield();
        await using var scope = await node.ScopeAsync(email: LeadDeskAppFactory.Manager);
        try
        {
            return (await scope.Get<LeadIntake>().AddAsync(new NewLead { FirstName = "Maria", LastName = "Page", Email = email }, DuplicateRule.RefuseKnown)).LeadId;
        }
        catch (FluentValidation.ValidationException ex) when (ex.Errors.Any(e => e.ErrorMessage == LeadIntake.KnownContactMessage))
        {
            return null;
        }
    }

    private static async Task<HttpResponseMessage> PostFormAsync(LeadDeskAppFactory node, string key, string email)
    {
        var client = node.CreateClient(cookies: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/f/{key}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Maria Form", ["email"] = email }),
        };
        request.Headers.Referrer = new Uri("https://www.example.com/contact");
        return await client.SendAsync(request);
    }
}
