using System.Net;
using System.Text.Json;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.WebForms;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Integrations;

/// <summary>The app with a small per-address limit, so the limit can be reached in a test.</summary>
public sealed class WebFormAppFactory : LeadDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("WebForms:PerAddressPerMinute", "5");
    }
}

public sealed class WebFormSubmissionTests(WebFormAppFactory app) : IClassFixture<WebFormAppFactory>
{
    private const string Site = "https://www.example.com";

    private async Task<WebFormView> FormAsync(string origins = Site, string? redirect = null)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        return await scope.Get<WebFormService>().CreateAsync(new WebFormInput(SeededData.Unique("Contact"),
            [WebFormFields.Name, WebFormFields.Email, WebFormFields.Phone, WebFormFields.Message], null, null, null, origins, redirect));
    }

    private async Task<HttpResponseMessage> PostAsync(string key, Dictionary<string, string> fields, string? origin = Site, bool json = false)
    {
        var client = app.CreateClient(cookies: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/f/{key}") { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Referrer = new Uri($"{origin}/contact");
        }
        if (json)
        {
            request.Headers.Add("Accept", "application/json");
        }
        return await client.SendAsync(request);
    }

    private Task<Lead?> LeadByEmailAsync(string email) =>
        app.QueryAsync(db => db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Email == email));

    [Fact]
    public async Task ASubmission_CreatesALead_AndGoesBackToThePageItCameFrom()
    {
        var form = await FormAsync();
        var email = $"{SeededData.Unique("visitor")}@example.net".ToLowerInvariant();

        var response = await PostAsync(form.Key, new() { ["name"] = "Web Visitor", ["email"] = email, ["message"] = "Please call me" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Site}/contact?submitted=1", response.Headers.Location?.ToString());
        var lead = await LeadByEmailAsync(email);
        Assert.NotNull(lead);
        Assert.Equal(("Web", "Visitor"), (lead.FirstName, lead.LastName));
        Assert.Equal(LeadChannel.Form, lead.Channel);
        Assert.Equal($"Web form: {form.Name}", lead.Source);
        Assert.Equal("Please call me", lead.Description);
    }

    [Fact]
    public async Task AThankYouPage_IsWhereTheAdminSaid()
    {
        var form = await FormAsync(redirect: "https://www.example.com/thanks");

        var response = await PostAsync(form.Key, new() { ["name"] = "Ann", ["email"] = $"{SeededData.Unique("ann")}@example.net" });

        Assert.Equal("https://www.example.com/thanks", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task AnotherSite_IsRefused_AndNothingIsStored()
    {
        var form = await FormAsync();
        var email = $"{SeededData.Unique("evil")}@example.net".ToLowerInvariant();

        var response = await PostAsync(form.Key, new() { ["name"] = "Eve", ["email"] = email }, origin: "https://evil.example", json: true);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await LeadByEmailAsync(email));
    }

    [Fact]
    public async Task TheHoneypot_IsDroppedQuietly()
    {
        var form = await FormAsync();
        var email = $"{SeededData.Unique("bot")}@example.net".ToLowerInvariant();

        var response = await PostAsync(form.Key, new() { ["name"] = "Bot", ["email"] = email, [WebFormFields.Honeypot] = "http://spam.example" }, json: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await LeadByEmailAsync(email));
    }

    [Fact]
    public async Task MissingNameAndContact_AnswerWithWhatToFix()
    {
        var form = await FormAsync();

        var json = await PostAsync(form.Key, new() { ["name"] = "", ["email"] = "" }, json: true);
        var page = await PostAsync(form.Key, new() { ["name"] = "", ["email"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains("name", body.RootElement.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Your details were not sent", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKnownEmail_CreatesNoSecondLead_AndIsNotedOnTheFirst()
    {
        var form = await FormAsync();
        var email = $"{SeededData.Unique("again")}@example.net".ToLowerInvariant();
        await PostAsync(form.Key, new() { ["name"] = "Repeat Visitor", ["email"] = email });

        var again = await PostAsync(form.Key, new() { ["name"] = "Repeat Visitor", ["email"] = email.ToUpperInvariant(), ["message"] = "Still interested" }, json: true);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Email == email)));
        var lead = (await LeadByEmailAsync(email))!;
        Assert.True(await app.QueryAsync(db => db.LeadActivities.AnyAsync(a => a.LeadId == lead.Id && a.Type == ActivityType.FormSubmitted && a.Details == "Still interested")));
    }

    [Fact]
    public async Task JsonFromAnAllowedSite_GetsCorsHeaders()
    {
        var form = await FormAsync();

        var response = await PostAsync(form.Key, new() { ["name"] = "Cors Test", ["email"] = $"{SeededData.Unique("cors")}@example.net" }, json: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task OneAddress_IsLimitedPerMinute()
    {
        var form = await FormAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await PostAsync(form.Key, new() { ["name"] = $"Flood {i}", ["email"] = $"{SeededData.Unique("flood")}@example.net" }, json: true)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), answers);
    }

    [Fact]
    public async Task AHugeBody_IsRefused()
    {
        var form = await FormAsync();

        var response = await PostAsync(form.Key, new() { ["name"] = "Big", ["email"] = "big@example.net", ["message"] = new string('x', 40_000) }, json: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await LeadByEmailAsync("big@example.net"));
    }

    [Fact]
    public async Task APausedOrUnknownForm_IsNotFound()
    {
        var form = await FormAsync();
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<WebFormService>().SetActiveAsync(form.Id, false);
        }

        var paused = await PostAsync(form.Key, new() { ["name"] = "P", ["email"] = "p@example.net" }, json: true);
        var unknown = await PostAsync("nosuchformkeyxxxxxxxxxxx", new() { ["name"] = "P", ["email"] = "p@example.net" }, json: true);

        Assert.Equal(HttpStatusCode.NotFound, paused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("Name only", "fields")]
    public async Task AFormWithoutANameOrAContactField_IsRefused(string name, string field)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => scope.Get<WebFormService>()
            .CreateAsync(new WebFormInput(name, field == "fields" ? [WebFormFields.Name] : [WebFormFields.Name, WebFormFields.Email], null, null, null, null, null)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
    }
}
