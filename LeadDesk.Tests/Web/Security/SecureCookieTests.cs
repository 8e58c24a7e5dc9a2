using System.Net;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Leads;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadDesk.Tests.Web.Security;

/// <summary>
/// Every cookie the app sets (antiforgery, sign-in, workspace, language) is Secure outside Development, even when the app
/// itself is reached over plain http (behind a proxy that ends TLS); in Development it is Secure only on https, which a
/// configured proxy may report with X-Forwarded-Proto.
/// </summary>
public sealed class SecureCookieTests : IDisposable
{
    private const string Proxy = "10.0.0.1";

    private readonly TestDatabase _database = new();
    private readonly TestCertificates _certificates = new();

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task EveryCookie_IsSecure_OutsideDevelopment(string environment, bool secure)
    {
        var settings = environment == "Production" ? TestCertificates.Settings(_certificates.Create("key-ring")) : [];
        using var app = new HostedAppFactory(_database, environment, settings);
        var jar = new CookieJar();
        var browser = app.CreateDefaultClient(new Uri("http://localhost"), jar);

        await browser.SubmitFormAsync("/account/signin", new() { ["Input.Email"] = LeadDeskAppFactory.Admin, ["Input.Password"] = LeadDeskAppFactory.Password });
        var page = SeededData.StaticPage;
        var leads = await browser.GetDocumentAsync(page);
        var northwind = leads.QuerySelectorAll("form[action='/workspaces/switch'] button").First(b => b.TextContent.Contains("Northwind", StringComparison.Ordinal));
        await browser.SubmitFormAsync(page, new() { ["workspaceId"] = northwind.GetAttribute("value")! }, "form[action='/workspaces/switch']");

        using var language = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "pt-BR",
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(page),
        });
        await browser.PostAsync(new Uri("/account/language", UriKind.Relative), language);

        Assert.Equal([".AspNetCore.Antiforgery", "ld.auth", "ld.language", "ld.workspace"], jar.Names());
        Assert.All(jar.SetCookies, cookie => Assert.True(IsSecure(cookie) == secure, $"{environment}: {cookie}"));
    }

    [Theory]
    [InlineData(Proxy, true)]
    [InlineData("198.51.100.7", false)]
    public async Task XForwardedProto_MakesCookiesSecure_OnlyFromAConfiguredProxy(string peer, bool secure)
    {
        using var app = new HostedAppFactory(_database, "Development", new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = Proxy });
        var jar = new CookieJar();
        var browser = app.CreateDefaultClient(new Uri("http://localhost"), jar);
        browser.DefaultRequestHeaders.Add(TestPeer.Header, peer);
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        await browser.GetDocumentAsync("/account/signin");

        var antiforgery = Assert.Single(jar.SetCookies);
        Assert.Equal(secure, IsSecure(antiforgery));
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Skip(1).Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
        _database.Dispose();
        _certificates.Dispose();
    }

    /// <summary>
    /// Sends back every cookie it was given, Secure or not, so a test can follow a whole session over plain http and
    /// still see each Set-Cookie header exactly as the app wrote it.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _values = [];

        public List<string> SetCookies { get; } = [];

        /// <summary>The names of the cookies set, antiforgery's per-app suffix left out, in order.</summary>
        public List<string> Names() =>
        [
            .. SetCookies.Select(c => c.Split('=')[0]).Select(n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) ? ".AspNetCore.Antiforgery" : n)
                .Distinct().Order(StringComparer.Ordinal),
        ];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_values.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _values.Select(v => $"{v.Key}={v.Value}")));
            }
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                SetCookies.Add(cookie);
                var pair = cookie.Split(';')[0].Split('=', 2);
                if (pair[1].Length == 0)
                {
                    _values.Remove(pair[0]);
                }
                else
                {
                    _values[pair[0]] = pair[1];
                }
            }
            return response;
        }
    }
}
