using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// The real app over the real HTTP pipeline, on its own migrated and seeded test database.
/// Shared per test class with <c>IClassFixture</c>; tests that change shared state use their own users.
/// Clients call it over https, as a production browser would (its cookies are Secure outside Development);
/// <see cref="TestPeer"/> lets a client choose the address it connects from.
/// </summary>
public class LeadDeskAppFactory : WebApplicationFactory<Program>
{
    public static readonly Uri BaseUrl = new("https://localhost");

    public const string Password = "demo-password-77";
    public const string Admin = "admin@demo.test";
    public const string Manager = "manager@demo.test";
    public const string Rep = "rep1@demo.test";
    public const string OtherRep = "rep2@demo.test";

    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public LeadDeskAppFactory()
        : this(new TestDatabase(), ownsDatabase: true)
    {
    }

    /// <summary>An app on <paramref name="database"/>, which outlives it when the test owns it (several apps on one database).</summary>
    protected LeadDeskAppFactory(TestDatabase database, bool ownsDatabase = false)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        ClientOptions.BaseAddress = BaseUrl;
    }

    /// <summary>The database this app runs on (another app may share it: a second web node).</summary>
    public TestDatabase Database => _database;

    /// <summary>The ASP.NET Core environment the app runs in.</summary>
    protected virtual string EnvironmentName => "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, TestPeer>());
        foreach (var (key, value) in _database.Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Seed:Password", Password);
        builder.UseSetting("Seed:EmailDomain", "demo.test");
        builder.UseSetting("Seed:LeadCount", "50");
    }

    /// <summary>A browser that keeps cookies and follows no redirects, connecting from <paramref name="peer"/> when given.</summary>
    public HttpClient CreateBrowser(string? peer = null) => CreateClient(cookies: true, peer);

    /// <summary>A client that follows no redirects, connecting from <paramref name="peer"/> when given (see <see cref="TestPeer"/>).</summary>
    public HttpClient CreateClient(bool cookies, string? peer = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies, BaseAddress = BaseUrl });
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(TestPeer.Header, peer);
        }
        return client;
    }

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
        if (disposing && _ownsDatabase)
        {
            _database.Dispose();
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
