using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>Self-signed RSA certificates written as password-protected PFX files in a temp folder, deleted with it.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "test-pfx-password";

    private readonly string _folder = Directory.CreateTempSubdirectory("leaddesk-certificates-").FullName;

    /// <summary>A new certificate's PFX path (<see cref="Password"/> opens it).</summary>
    public string Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>The settings that make the app encrypt its key ring with <paramref name="path"/>.</summary>
    public static Dictionary<string, string?> Settings(string path) => new()
    {
        ["DataProtection:CertificatePath"] = path,
        ["DataProtection:CertificatePassword"] = Password,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
