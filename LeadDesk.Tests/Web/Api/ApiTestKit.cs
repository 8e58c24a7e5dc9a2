using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Web.Api;

/// <summary>
/// The app for API tests: uploads in a temp folder of its own, and rate limits high enough that a test sending
/// hundreds of requests with one token from one address is never throttled (<see cref="RateLimitedAppFactory"/> and
/// <c>EdgeLimitAppFactory</c> test the limits).
/// </summary>
public class ApiAppFactory : LeadDeskAppFactory
{
    private readonly Dictionary<string, Task<object>> _once = [];

    public ApiAppFactory()
    {
    }

    /// <summary>An app on a database another app owns (a second web node).</summary>
    protected ApiAppFactory(TestDatabase database)
        : base(database)
    {
    }

    public string DocumentsPath { get; } = Directory.CreateTempSubdirectory("leaddesk-api-documents-").FullName;

    /// <summary>A demo token with every scope, made once for the test class (tests about tokens make their own).</summary>
    public Task<string> DemoTokenAsync() => OnceAsync("demo token", () => this.TokenAsync());

    /// <summary>
    /// Something made once for the whole test class under <paramref name="key"/>: a lookup (a user's id), or a lead that
    /// tests only read or that they must leave unchanged (each reads it fresh before and after).
    /// </summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> make) where T : notnull
    {
        Task<object> made;
        lock (_once)
        {
            if (!_once.TryGetValue(key, out made!))
            {
                made = MakeAsync();
                _once[key] = made;
            }
        }
        return (T)await made;

        async Task<object> MakeAsync() => await make();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Documents:Path", DocumentsPath);
        builder.UseSetting("Api:RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("Api:RateLimit:Burst", "100000");
        builder.UseSetting("Api:RateLimit:PerAddressPerSecond", "100000");
        builder.UseSetting("Api:RateLimit:PerAddressBurst", "100000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DocumentsPath))
        {
            Directory.Delete(DocumentsPath, recursive: true);
        }
    }
}

/// <summary>Another web node on the same database as <paramref name="first"/> (start the first one before this one).</summary>
public sealed class SecondApiNode(ApiAppFactory first) : ApiAppFactory(first.Database);

/// <summary>The app with a tiny rate limit per token: two requests at once, then one every 1,000 s (none comes back during a test).</summary>
public sealed class RateLimitedAppFactory : LeadDeskAppFactory
{
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(1000);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PermitsPerSecond", "0.001");
        builder.UseSetting("Api:RateLimit:Burst", "2");
    }
}

/// <summary>API tokens, JSON requests and response checks for the REST API tests.</summary>
public static class ApiKit
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A client that follows no redirects and keeps no cookies: what an integration sends (from <paramref name="peer"/> when given).</summary>
    public static HttpClient ApiClient(this LeadDeskAppFactory app, string? peer = null) => app.CreateClient(cookies: false, peer);

    /// <summary>A new token of <paramref name="slug"/> (all scopes when none are given), made by its admin; returns its secret.</summary>
    public static async Task<string> TokenAsync(this LeadDeskAppFactory app, string slug = SeededData.Demo, params string[] scopes) =>
        (await app.NewTokenAsync(slug, scopes)).Secret;

    public static async Task<NewApiToken> NewTokenAsync(this LeadDeskAppFactory app, string slug, IReadOnlyCollection<string> scopes, DateTime? expiresAt = null)
    {
        await using var scope = await app.ScopeAsync(slug, LeadDeskAppFactory.Admin);
        var actor = scope.Get<CurrentActor>();
        Assert.Equal(WorkspaceRole.Admin, actor.Role);
        return await scope.Get<ApiTokenService>().CreateAsync(SeededData.Unique("test token "), scopes.Count == 0 ? ApiScopes.All : scopes, expiresAt);
    }

    public static async Task<string> RevokedTokenAsync(this LeadDeskAppFactory app, string slug = SeededData.Demo)
    {
        var token = await app.NewTokenAsync(slug, ApiScopes.All);
        await using var scope = await app.ScopeAsync(slug, LeadDeskAppFactory.Admin);
        await scope.Get<ApiTokenService>().RevokeAsync(token.Token.Id);
        return token.Secret;
    }

    /// <summary>A token whose expiry has passed (made with a future one, which is all the service accepts, then aged in the database).</summary>
    public static async Task<string> ExpiredTokenAsync(this LeadDeskAppFactory app, string slug = SeededData.Demo)
    {
        var token = await app.NewTokenAsync(slug, ApiScopes.All, DateTime.UtcNow.AddDays(1));
        await using var scope = await app.ScopeAsync(slug);
        var past = DateTime.UtcNow.AddMinutes(-5);
        await scope.Get<LeadDeskDbContext>().ApiTokens.Where(t => t.Id == token.Token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, past));
        return token.Secret;
    }

    /// <summary>A well-formed secret no workspace issued.</summary>
    public static string UnknownToken() => ApiTokenService.SecretPrefix + new string('x', 8) + Guid.NewGuid().ToString("N")[..32];

    /// <summary>
    /// Sends <paramref name="body"/> as JSON (a string is sent as it is, anything else is serialised with its own property names),
    /// with <c>Authorization: Bearer</c> when <paramref name="token"/> is given.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? token, object? body = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            string text => new StringContent(text, Encoding.UTF8, "application/json"),
            _ => new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string? token) => client.SendAsync(HttpMethod.Get, url, token);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, string? token, object? body) => client.SendAsync(HttpMethod.Post, url, token, body);

    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string url, string? token, object? body) => client.SendAsync(HttpMethod.Put, url, token, body);

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, string? token, object? body) => client.SendAsync(HttpMethod.Patch, url, token, body);

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? token, object? body = null) => client.SendAsync(HttpMethod.Delete, url, token, body);

    /// <summary>Asserts the status (showing the body when it differs) and returns the body as JSON (default when empty).</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 4xx problem+json response of the native API whose <c>errors</c> name <paramref name="field"/>; returns it.</summary>
    public static async Task<JsonElement> ExpectFieldErrorAsync(this HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: no error for '{field}' in {problem}");
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        return problem;
    }

    /// <summary>Asserts seed 000's error body: <c>{ "success": false, "error": "…" }</c> with <paramref name="status"/>; returns the message.</summary>
    public static async Task<string> ExpectExternalErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(body.GetProperty("success").GetBoolean());
        var error = body.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    /// <summary>The problem's <c>title</c>, or null when the body is not a problem.</summary>
    public static string? ProblemTitle(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("title", out var title) ? title.GetString() : null;

    public static void HasString(this JsonElement json, string name, string? expected = null)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind == JsonValueKind.String, $"'{name}' is {value.ValueKind}, not a string, in {json}");
        if (expected is not null)
        {
            Assert.Equal(expected, value.GetString());
        }
    }

    public static void HasNullableString(this JsonElement json, string name)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"'{name}' is {value.ValueKind}, not a string or null, in {json}");
    }

    public static void HasNumber(this JsonElement json, string name, decimal? expected = null)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind == JsonValueKind.Number, $"'{name}' is {value.ValueKind}, not a number, in {json}");
        if (expected is not null)
        {
            Assert.Equal(expected, value.GetDecimal());
        }
    }

    public static void HasBoolean(this JsonElement json, string name, bool? expected = null)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"'{name}' is {value.ValueKind}, not true/false, in {json}");
        if (expected is not null)
        {
            Assert.Equal(expected, value.GetBoolean());
        }
    }

    public static void HasId(this JsonElement json, string name, Guid? expected = null)
    {
        json.HasString(name);
        Assert.True(Guid.TryParse(json.GetProperty(name).GetString(), out var id), $"'{name}' is not a UUID in {json}");
        if (expected is not null)
        {
            Assert.Equal(expected, id);
        }
    }

    /// <summary>An ISO 8601 date-time string, returned in UTC.</summary>
    public static DateTime HasDateTime(this JsonElement json, string name)
    {
        json.HasString(name);
        var text = json.GetProperty(name).GetString()!;
        Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var time),
            $"'{name}' is not a date-time: {text}");
        return time.UtcDateTime;
    }

    public static JsonElement HasObject(this JsonElement json, string name)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind == JsonValueKind.Object, $"'{name}' is {value.ValueKind}, not an object, in {json}");
        return value;
    }

    public static List<JsonElement> HasArray(this JsonElement json, string name)
    {
        Assert.True(json.TryGetProperty(name, out var value), $"no '{name}' in {json}");
        Assert.True(value.ValueKind == JsonValueKind.Array, $"'{name}' is {value.ValueKind}, not an array, in {json}");
        return [.. value.EnumerateArray()];
    }

    public static Guid Id(this JsonElement json, string name = "id") => Guid.Parse(json.GetProperty(name).GetString()!);

    /// <summary>Every lead row of <paramref name="slug"/>, in the trash or not: "nothing was written" compares this before and after.</summary>
    public static Task<int> LeadCountAsync(this LeadDeskAppFactory app, string slug = SeededData.Demo) =>
        app.QueryAsync(db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).CountAsync(), slug);

    public static Task<Guid> WorkspaceIdAsync(this LeadDeskAppFactory app, string slug) =>
        app.QueryAsync(db => db.Workspaces.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync(), slug);

    /// <summary>A multipart body with one file in the field <c>file</c>, as seed 004's document upload expects.</summary>
    public static MultipartFormDataContent FileUpload(string fileName, byte[] bytes, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Adds the signed-in page's antiforgery token as the header the API reads.</summary>
    public static void WithAntiforgery(this HttpRequestMessage request, string token) => request.Headers.Add("RequestVerificationToken", token);

    public static bool IsSuccess(this HttpResponseMessage response) => (int)response.StatusCode is >= 200 and < 300;

}
