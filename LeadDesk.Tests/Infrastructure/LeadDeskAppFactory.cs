using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// The real app over the real HTTP pipeline, on its own migrated and seeded test database.
/// Shared per test class with <c>IClassFixture</c>; tests that change shared state use their own users.
/// </summary>
public class LeadDeskAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "demo-password-77";
    public const string Admin = "admin@demo.test";
    public const string Manager = "manager@demo.test";
    public const string Rep = "rep1@demo.test";
    public const string OtherRep = "rep2@demo.test";

    private readonly Lazy<TestDatabase> _database = new(() => new TestDatabase());

    /// <summary>The database this app runs on: its own by default; a second web node uses the first's.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> DatabaseSettings => _database.Value.Settings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in DatabaseSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Seed:Password", Password);
        builder.UseSetting("Seed:EmailDomain", "demo.test");
        builder.UseSetting("Seed:LeadCount", "50");
    }

    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateBrowser();
        var response = await client.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }
}

public static class HtmlClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ParseAsync();
    }

    /// <summary>The redirect target's path and query, after checking it stays on this site.</summary>
    public static string RedirectPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.StatusCode} without a Location header");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Loads <paramref name="pageUrl"/>, fills the form found there (hidden fields included) and posts it like a browser.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, Dictionary<string, string> fields, string formSelector = "form")
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {pageUrl}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), content);
    }
}
