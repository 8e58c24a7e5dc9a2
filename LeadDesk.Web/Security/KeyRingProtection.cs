using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using LeadDesk.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Security;

/// <summary>
/// Bound from <c>DataProtection</c>: the certificate (a PFX file with its private key) that encrypts the data-protection
/// key ring in the database, and older certificates still trusted to decrypt keys during a rotation.
/// </summary>
public sealed class KeyRingSettings
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    public List<CertificateFile> PreviousCertificates { get; set; } = [];
}

public sealed class CertificateFile
{
    public string? Path { get; set; }
    public string? Password { get; set; }
}

/// <summary>The certificates as loaded at registration; a problem is reported by the start-up check, in one log line, not thrown.</summary>
internal sealed record KeyRingCertificates(X509Certificate2? Current, IReadOnlyList<X509Certificate2> Previous, CertificateProblem? Problem);

internal sealed record CertificateProblem(string PathSetting, string PasswordSetting, string Path, string Reason);

/// <summary>
/// The data-protection key ring (the keys behind sign-in cookies and antiforgery tokens) is kept in the database so that
/// every node reads the same keys; encrypted with a certificate, someone holding a backup cannot forge cookies with it.
/// </summary>
internal static partial class KeyRingProtection
{
    // Where an unencrypted key ring is accepted with a warning: a developer's machine and the test suite.
    private static readonly string[] RelaxedEnvironments = [Environments.Development, "Testing"];

    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";

    public static IServiceCollection AddLeadDeskDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = configuration.GetSection(KeyRingSettings.Section).Get<KeyRingSettings>() ?? new KeyRingSettings();
        var certificates = Load(settings, contentRoot);
        services.AddSingleton(certificates);
        var dataProtection = services.AddDataProtection().SetApplicationName("LeadDesk").PersistKeysToDbContext<LeadDeskDbContext>();
        if (certificates.Current is { } current)
        {
            dataProtection.ProtectKeysWithCertificate(current);
        }
        if (certificates.Previous.Count > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate([.. certificates.Previous]);
        }
        return services;
    }

    /// <summary>
    /// At start-up: false, with one log line naming the setting, when a configured certificate cannot be used, or when
    /// none is configured outside Development (and the tests' environment), where it only warns.
    /// </summary>
    public static bool CheckKeyRingProtection(IServiceProvider services, ILogger logger)
    {
        var certificates = services.GetRequiredService<KeyRingCertificates>();
        var environment = services.GetRequiredService<IHostEnvironment>().EnvironmentName;
        if (certificates.Problem is { } problem)
        {
            LogCertificateUnusable(logger, problem.Path, problem.Reason, problem.PathSetting, problem.PasswordSetting);
            return false;
        }
        if (certificates.Current is not null)
        {
            return true;
        }
        if (RelaxedEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase))
        {
            LogKeyRingUnencrypted(logger, environment);
            return true;
        }
        LogCertificateMissing(logger, environment);
        return false;
    }

    /// <summary>
    /// Encrypts, in place, keys stored before the certificate was configured: left as they were, they would stay readable
    /// (and able to forge cookies) from any backup for as long as they are kept.
    /// </summary>
    public static async Task EncryptStoredKeysAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var encrypted = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            var element = XElement.Parse(key.Xml ?? "<none/>");
            var secrets = element.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
            foreach (var secret in secrets)
            {
                var info = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(EncryptedSecret, new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }
            if (secrets.Count > 0)
            {
                key.Xml = element.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }
        if (encrypted > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtection));
            LogKeysEncrypted(logger, encrypted);
        }
    }

    private static KeyRingCertificates Load(KeyRingSettings settings, string contentRoot)
    {
        var pathSetting = $"{KeyRingSettings.Section}:{nameof(KeyRingSettings.CertificatePath)}";
        var passwordSetting = $"{KeyRingSettings.Section}:{nameof(KeyRingSettings.CertificatePassword)}";
        X509Certificate2? current = null;
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            var (certificate, problem) = LoadOne(Path.Combine(contentRoot, settings.CertificatePath), settings.CertificatePassword, pathSetting, passwordSetting);
            if (problem is not null)
            {
                return new KeyRingCertificates(null, [], problem);
            }
            current = certificate;
        }
        var previous = new List<X509Certificate2>();
        for (var i = 0; i < settings.PreviousCertificates.Count; i++)
        {
            var file = settings.PreviousCertificates[i];
            var setting = $"{KeyRingSettings.Section}:{nameof(KeyRingSettings.PreviousCertificates)}:{i}";
            var (certificate, problem) = string.IsNullOrWhiteSpace(file.Path)
                ? (null, new CertificateProblem($"{setting}:Path", $"{setting}:Password", "", "no path is given"))
                : LoadOne(Path.Combine(contentRoot, file.Path), file.Password, $"{setting}:Path", $"{setting}:Password");
            if (problem is not null)
            {
                return new KeyRingCertificates(null, [], problem);
            }
            previous.Add(certificate!);
        }
        return new KeyRingCertificates(current, previous, null);
    }

    private static (X509Certificate2? Certificate, CertificateProblem? Problem) LoadOne(string path, string? password, string pathSetting, string passwordSetting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, new CertificateProblem(pathSetting, passwordSetting, path, ex.Message));
        }
        using var rsa = certificate.GetRSAPublicKey();
        var reason = !certificate.HasPrivateKey ? "it holds no private key, which reading the keys back needs"
            : rsa is null ? "it is not an RSA certificate"
            : null;
        if (reason is null)
        {
            return (certificate, null);
        }
        certificate.Dispose();
        return (null, new CertificateProblem(pathSetting, passwordSetting, path, reason));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The data-protection certificate '{Path}' cannot be used ({Reason}). Check {PathSetting} and {PasswordSetting}.")]
    private static partial void LogCertificateUnusable(ILogger logger, string path, string reason, string pathSetting, string passwordSetting);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The data-protection key ring, which signs sign-in cookies, would be stored unencrypted in the database ({Environment} environment). " +
        "Set DataProtection:CertificatePath to a PFX certificate with its private key (and DataProtection:CertificatePassword) to encrypt it.")]
    private static partial void LogCertificateMissing(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The data-protection key ring is stored unencrypted in the database, accepted in the {Environment} environment only. " +
        "Set DataProtection:CertificatePath to a PFX certificate to encrypt it.")]
    private static partial void LogKeyRingUnencrypted(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} data-protection key(s) stored before DataProtection:CertificatePath was set.")]
    private static partial void LogKeysEncrypted(ILogger logger, int count);
}
