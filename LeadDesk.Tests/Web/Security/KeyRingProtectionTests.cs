using System.Net;
using System.Xml.Linq;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Web.Security;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> the key ring is stored encrypted (a database backup holds no usable key),
/// keys stored before are encrypted at start-up, and cookies keep working across restarts and certificate rotations.
/// Each test runs the app several times, one after the other, on one database: the same deployment restarted.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    private readonly TestDatabase _database = new();
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task WithACertificate_TheKeyIsStoredEncrypted_AndTheRestartedAppAcceptsItsCookies()
    {
        var certificate = TestCertificates.Settings(_certificates.Create("current"));
        string cookie;
        IReadOnlyList<XElement> stored;
        using (var first = new HostedAppFactory(_database, "Production", certificate))
        {
            cookie = await SignInCookieAsync(first);
            stored = await StoredKeysAsync(first);
        }

        using var restarted = new HostedAppFactory(_database, "Production", certificate);
        var dashboard = await DashboardAsync(restarted, cookie);

        AssertEncrypted(Assert.Single(stored));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task KeysStoredBeforeTheCertificate_AreEncryptedAtStartUp_AndTheirCookiesStillWork()
    {
        string cookie;
        IReadOnlyList<XElement> before;
        using (var unprotected = new HostedAppFactory(_database, "Testing"))
        {
            cookie = await SignInCookieAsync(unprotected);
            before = await StoredKeysAsync(unprotected);
        }

        using var protectedApp = new HostedAppFactory(_database, "Production", TestCertificates.Settings(_certificates.Create("added-later")));
        var dashboard = await DashboardAsync(protectedApp, cookie);
        var after = await StoredKeysAsync(protectedApp);

        Assert.Single(Assert.Single(before).Descendants("masterKey").Elements("value")); // the test starts from a readable key
        AssertEncrypted(Assert.Single(after));
        Assert.Equal(before[0].Attribute("id")?.Value, after[0].Attribute("id")?.Value);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task AfterARotation_KeysOfThePreviousCertificate_AreReadOnlyWhileItIsListed()
    {
        var oldCertificate = _certificates.Create("old");
        var newCertificate = TestCertificates.Settings(_certificates.Create("new"));
        string cookie;
        using (var beforeRotation = new HostedAppFactory(_database, "Production", TestCertificates.Settings(oldCertificate)))
        {
            cookie = await SignInCookieAsync(beforeRotation);
        }

        HttpResponseMessage withPrevious, withoutPrevious;
        using (var rotated = new HostedAppFactory(_database, "Production", new Dictionary<string, string?>(newCertificate)
        {
            ["DataProtection:PreviousCertificates:0:Path"] = oldCertificate,
            ["DataProtection:PreviousCertificates:0:Password"] = TestCertificates.Password,
        }))
        {
            withPrevious = await DashboardAsync(rotated, cookie);
        }
        using (var forgotten = new HostedAppFactory(_database, "Production", newCertificate))
        {
            withoutPrevious = await DashboardAsync(forgotten, cookie);
        }

        Assert.Equal(HttpStatusCode.OK, withPrevious.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withoutPrevious.StatusCode);
        Assert.StartsWith("/account/signin", withoutPrevious.RedirectPath(), StringComparison.Ordinal);
    }

    /// <summary>The master key is inside an <c>encryptedSecret</c>; no plaintext <c>masterKey</c> is left in the stored XML.</summary>
    private static void AssertEncrypted(XElement key)
    {
        Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
        var secret = Assert.Single(key.Descendants(DataProtection + "encryptedSecret"));
        Assert.Contains("EncryptedXmlDecryptor", secret.Attribute("decryptorType")?.Value ?? "", StringComparison.Ordinal);
        Assert.Contains(secret.Descendants(), e => e.Name.LocalName == "CipherValue" && e.Value.Length > 0);
    }

    /// <summary>Signs the admin in and returns the sign-in cookie as a request would send it (<c>ld.auth=…</c>).</summary>
    private static async Task<string> SignInCookieAsync(HostedAppFactory app)
    {
        var response = await app.CreateBrowser().SubmitFormAsync("/account/signin",
            new() { ["Input.Email"] = LeadDeskAppFactory.Admin, ["Input.Password"] = LeadDeskAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ld.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpResponseMessage> DashboardAsync(HostedAppFactory app, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await app.CreateClient(cookies: false).SendAsync(request);
    }

    private static async Task<IReadOnlyList<XElement>> StoredKeysAsync(HostedAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        return [.. rows.Select(xml => XElement.Parse(xml!))];
    }

    public void Dispose()
    {
        _database.Dispose();
        _certificates.Dispose();
    }
}
